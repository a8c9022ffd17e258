using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Codecs.Binary;

internal sealed class IntCodec(Schema schema) : BinaryCodec(schema)
{
    public override void Write(ref AvroBinaryWriter writer, object? value) => writer.WriteInt(value switch
    {
        int i => i,
        short s => s,
        sbyte s => s,
        byte b => b,
        ushort u => u,
        _ => CodecErrors.Mismatch<int>(Schema, value),
    });

    public override object? Read(ref AvroBinaryReader reader) => reader.ReadInt();

    public override void Skip(ref AvroBinaryReader reader) => reader.ReadLong();

    public override bool IsNative(object value) => value is int;

    public override bool CanWrite(object value) => value is int or short or sbyte or byte or ushort;
}
