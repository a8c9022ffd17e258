using System.Collections;
using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Codecs.Binary;

/// <summary>array: any IList (List&lt;object?&gt; and object?[] iterate without allocating); read as List&lt;object?&gt;.</summary>
internal sealed class ArrayCodec(ArraySchema schema) : BinaryCodec(schema)
{
    public BinaryCodec Items { get; set; } = null!;

    public override void Write(ref AvroBinaryWriter writer, object? value)
    {
        if (value is not IList list || value is byte[])
        {
            CodecErrors.Mismatch(Schema, value);
            return;
        }

        var count = list.Count;
        if (count > 0)
        {
            writer.WriteLong(count);
            for (var i = 0; i < count; i++)
            {
                Items.Write(ref writer, list[i]);
            }
        }

        writer.WriteLong(0);
    }

    public override object? Read(ref AvroBinaryReader reader)
    {
        var result = new List<object?>();
        for (var count = reader.ReadBlockCount(); count != 0; count = reader.ReadBlockCount())
        {
            if (count > reader.Remaining && Items is not NullCodec && Items is not RecordCodec { Fields.Length: 0 })
            {
                // Every item takes at least one byte, except nulls and empty records: a huge count is corrupt data, not a reason to allocate.
                CodecErrors.Invalid($"array block of {count} items is longer than the {reader.Remaining} bytes left");
            }

            for (long i = 0; i < count; i++)
            {
                result.Add(Items.Read(ref reader));
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
                Items.Skip(ref reader);
            }
        }
    }

    public override bool IsNative(object value) => value is IList && value is not byte[];
}
