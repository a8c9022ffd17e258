using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Codecs.Binary;

internal sealed class FloatCodec(Schema schema) : BinaryCodec(schema)
{
    public override void Write(ref AvroBinaryWriter writer, object? value) => writer.WriteFloat(value switch
    {
        float f => f,
        int i => i,
        long l => l,
        _ => CodecErrors.Mismatch<float>(Schema, value),
    });

    public override object? Read(ref AvroBinaryReader reader) => reader.ReadFloat();

    public override void Skip(ref AvroBinaryReader reader) => reader.Skip(4);

    public override bool IsNative(object value) => value is float;

    public override bool CanWrite(object value) => value is float or int or long;
}
