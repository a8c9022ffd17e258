using System.Collections;
using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Codecs.Binary;

/// <summary>
/// map: Dictionary&lt;string, object?&gt; (iterated without allocating), any
/// IDictionary/IReadOnlyDictionary with string keys; read as Dictionary&lt;string, object?&gt;.
/// </summary>
internal sealed class MapCodec(MapSchema schema) : BinaryCodec(schema)
{
    public BinaryCodec Values { get; set; } = null!;

    public override void Write(ref AvroBinaryWriter writer, object? value)
    {
        switch (value)
        {
            case Dictionary<string, object?> dictionary:
                if (dictionary.Count > 0)
                {
                    writer.WriteLong(dictionary.Count);
                    foreach (var (key, item) in dictionary)
                    {
                        writer.WriteString(key);
                        Values.Write(ref writer, item);
                    }
                }

                break;
            case IReadOnlyDictionary<string, object?> readOnly:
                if (readOnly.Count > 0)
                {
                    writer.WriteLong(readOnly.Count);
                    foreach (var (key, item) in readOnly)
                    {
                        writer.WriteString(key);
                        Values.Write(ref writer, item);
                    }
                }

                break;
            case IDictionary<string, object?> generic:
                if (generic.Count > 0)
                {
                    writer.WriteLong(generic.Count);
                    foreach (var (key, item) in generic)
                    {
                        writer.WriteString(key);
                        Values.Write(ref writer, item);
                    }
                }

                break;
            case IDictionary untyped:
                if (untyped.Count > 0)
                {
                    writer.WriteLong(untyped.Count);
                    foreach (DictionaryEntry entry in untyped)
                    {
                        writer.WriteString(entry.Key as string ?? throw new AvroTypeException($"map key {entry.Key} is not a string"));
                        Values.Write(ref writer, entry.Value);
                    }
                }

                break;
            default:
                CodecErrors.Mismatch(Schema, value);
                break;
        }

        writer.WriteLong(0);
    }

    public override object? Read(ref AvroBinaryReader reader)
    {
        var result = new Dictionary<string, object?>();
        for (var count = reader.ReadBlockCount(); count != 0; count = reader.ReadBlockCount())
        {
            if (count > reader.Remaining)
            {
                CodecErrors.Invalid($"map block of {count} entries is longer than the {reader.Remaining} bytes left");
            }

            for (long i = 0; i < count; i++)
            {
                var key = reader.ReadString();
                result[key] = Values.Read(ref reader);
            }
        }

        return result;
    }

    public override void Skip(ref AvroBinaryReader reader)
    {
        for (var count = reader.ReadBlockHeader(out var size); count != 0; count = reader.ReadBlockHeader(out size))
        {
            if (size >= 0)
            {
                reader.Skip(checked((int)size));
                continue;
            }

            for (long i = 0; i < count; i++)
            {
                reader.SkipBytes();
                Values.Skip(ref reader);
            }
        }
    }

    public override bool IsNative(object value) => value is IDictionary or IReadOnlyDictionary<string, object?> or IDictionary<string, object?>;
}
