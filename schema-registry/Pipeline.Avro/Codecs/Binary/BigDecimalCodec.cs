using System.Buffers;
using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Codecs.Binary;

/// <summary>big-decimal (Java): a bytes value holding the unscaled value as Avro bytes followed by the scale as an Avro int.</summary>
internal sealed class BigDecimalCodec(Schema schema) : BinaryCodec(schema)
{
    public override void Write(ref AvroBinaryWriter writer, object? value)
    {
        if (value is byte[] raw)
        {
            writer.WriteBytes(raw);
            return;
        }

        writer.WriteBytes((byte[])ToRaw(value)!);
    }

    public override object? Read(ref AvroBinaryReader reader) => FromRaw(reader.ReadBytes());

    public override void Skip(ref AvroBinaryReader reader) => reader.SkipBytes();

    public override bool IsNative(object value) => value is AvroDecimal or decimal;

    public override object? ToRaw(object? value)
    {
        var d = value switch
        {
            AvroDecimal a => a,
            decimal m => AvroDecimal.FromDecimal(m),
            byte[] => default(AvroDecimal?),
            _ => CodecErrors.Mismatch<AvroDecimal>(Schema, value),
        };
        if (d is not { } dec)
        {
            return value;
        }

        var output = new ArrayBufferWriter<byte>();
        var inner = new AvroBinaryWriter(output);
        inner.WriteBytes(dec.Unscaled.ToByteArray(isUnsigned: false, isBigEndian: true));
        inner.WriteInt(dec.Scale);
        inner.Flush();
        return output.WrittenSpan.ToArray();
    }

    public override object? FromRaw(object? raw)
    {
        if (raw is not byte[] bytes)
        {
            return raw;
        }

        var inner = new AvroBinaryReader(bytes);
        var unscaled = DecimalBytes.Read(inner.ReadBytes());
        return new AvroDecimal(unscaled, inner.ReadInt());
    }
}
