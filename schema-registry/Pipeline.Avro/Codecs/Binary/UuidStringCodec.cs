using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Codecs.Binary;

/// <summary>uuid on string: Guid (written in the lower-case 8-4-4-4-12 form); strings are written as given.</summary>
internal sealed class UuidStringCodec(Schema schema) : BinaryCodec(schema)
{
    public override void Write(ref AvroBinaryWriter writer, object? value)
    {
        switch (value)
        {
            case Guid guid:
                Span<char> text = stackalloc char[36];
                guid.TryFormat(text, out _, "D");
                Span<byte> utf8 = stackalloc byte[36];
                for (var i = 0; i < 36; i++)
                {
                    utf8[i] = (byte)text[i];
                }

                writer.WriteBytes(utf8);
                return;
            case string s:
                writer.WriteString(s);
                return;
            default:
                CodecErrors.Mismatch(Schema, value);
                return;
        }
    }

    public override object? Read(ref AvroBinaryReader reader) => FromRaw(reader.ReadString());

    public override void Skip(ref AvroBinaryReader reader) => reader.SkipBytes();

    public override bool IsNative(object value) => value is Guid;

    public override bool CanWrite(object value) => value is Guid or string;

    public override object? ToRaw(object? value) => value is Guid g ? g.ToString("D") : value;

    public override object? FromRaw(object? raw) => raw is string s
        ? (Guid.TryParseExact(s, "D", out var guid) ? guid : throw new AvroTypeException($"\"{s}\" is not a valid uuid"))
        : raw;
}
