using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Codecs.Binary;

internal sealed class LongCodec(Schema schema) : BinaryCodec(schema)
{
    public override void Write(ref AvroBinaryWriter writer, object? value) => writer.WriteLong(value switch
    {
        long l => l,
        int i => i,
        uint u => u,
        short s => s,
        sbyte s => s,
        byte b => b,
        ushort u => u,
        _ => CodecErrors.Mismatch<long>(Schema, value),
    });

    public override object? Read(ref AvroBinaryReader reader) => reader.ReadLong();

    public override void Skip(ref AvroBinaryReader reader) => reader.ReadLong();

    public override bool IsNative(object value) => value is long;

    public override bool CanWrite(object value) => value is long or int or uint or short or sbyte or byte or ushort;
}
