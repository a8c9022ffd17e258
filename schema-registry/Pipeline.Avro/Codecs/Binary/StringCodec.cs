using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Codecs.Binary;

internal sealed class StringCodec(Schema schema) : BinaryCodec(schema)
{
    public override void Write(ref AvroBinaryWriter writer, object? value)
    {
        if (value is string s)
        {
            writer.WriteString(s);
            return;
        }

        CodecErrors.Mismatch(Schema, value);
    }

    public override object? Read(ref AvroBinaryReader reader) => reader.ReadString();

    public override void Skip(ref AvroBinaryReader reader) => reader.SkipBytes();

    public override bool IsNative(object value) => value is string;
}
