using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Codecs.Binary;

/// <summary>decimal on bytes: <see cref="AvroDecimal"/> (also accepts decimal, BigInteger, long, int, or raw byte[]).</summary>
internal sealed class DecimalBytesCodec(Schema schema) : BinaryCodec(schema)
{
    private readonly int _scale = schema.LogicalType!.Scale;

    public override void Write(ref AvroBinaryWriter writer, object? value)
    {
        if (value is byte[] raw)
        {
            writer.WriteBytes(raw);
            return;
        }

        var unscaled = DecimalBytes.ToScale(value, _scale, Schema).Unscaled;
        Span<byte> buffer = stackalloc byte[64];
        var count = DecimalBytes.ByteCount(unscaled);
        if (count <= buffer.Length)
        {
            DecimalBytes.Write(unscaled, buffer);
            writer.WriteBytes(buffer[..count]);
        }
        else
        {
            writer.WriteBytes(unscaled.ToByteArray(isUnsigned: false, isBigEndian: true));
        }
    }

    public override object? Read(ref AvroBinaryReader reader) => FromRaw(reader.ReadBytes());

    public override void Skip(ref AvroBinaryReader reader) => reader.SkipBytes();

    public override bool IsNative(object value) => value is AvroDecimal or decimal;

    public override bool CanWrite(object value) => value is AvroDecimal or decimal or System.Numerics.BigInteger or byte[];

    public override object? ToRaw(object? value) => value is byte[] ? value : DecimalBytes.ToScale(value, _scale, Schema).Unscaled.ToByteArray(isUnsigned: false, isBigEndian: true);

    public override object? FromRaw(object? raw) => raw is byte[] bytes ? new AvroDecimal(DecimalBytes.Read(bytes), _scale) : raw;

}
