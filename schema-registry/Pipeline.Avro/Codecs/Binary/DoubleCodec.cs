using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Codecs.Binary;

internal sealed class DoubleCodec(Schema schema) : BinaryCodec(schema)
{
    public override void Write(ref AvroBinaryWriter writer, object? value) => writer.WriteDouble(value switch
    {
        double d => d,
        float f => f,
        int i => i,
        long l => l,
        _ => CodecErrors.Mismatch<double>(Schema, value),
    });

    public override object? Read(ref AvroBinaryReader reader) => reader.ReadDouble();

    public override void Skip(ref AvroBinaryReader reader) => reader.Skip(8);

    public override bool IsNative(object value) => value is double;

    public override bool CanWrite(object value) => value is double or float or int or long;
}
