using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Codecs.Binary;

internal sealed class NullCodec(Schema schema) : BinaryCodec(schema)
{
    public override void Write(ref AvroBinaryWriter writer, object? value)
    {
        if (value is not null)
        {
            CodecErrors.Mismatch(Schema, value);
        }
    }

    public override object? Read(ref AvroBinaryReader reader) => null;

    public override void Skip(ref AvroBinaryReader reader)
    {
    }

    public override bool IsNative(object value) => false;
}
