using System.Buffers.Binary;
using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Codecs.Binary;

/// <summary>duration on fixed(12): <see cref="AvroDuration"/>, three unsigned little-endian ints (months, days, milliseconds).</summary>
internal sealed class DurationCodec(FixedSchema schema) : BinaryCodec(schema)
{
    private readonly FixedSchema _schema = schema;

    public override void Write(ref AvroBinaryWriter writer, object? value)
    {
        switch (value)
        {
            case AvroDuration d:
                Span<byte> bytes = stackalloc byte[12];
                Format(d, bytes);
                writer.WriteFixed(bytes);
                return;
            case GenericFixed f when f.Bytes.Length == 12:
                writer.WriteFixed(f.Bytes);
                return;
            default:
                CodecErrors.Mismatch(Schema, value);
                return;
        }
    }

    public override object? Read(ref AvroBinaryReader reader) => Parse(reader.ReadFixed(12));

    public override void Skip(ref AvroBinaryReader reader) => reader.Skip(12);

    public override bool IsNative(object value) => value is AvroDuration;

    public override bool CanWrite(object value) => value is AvroDuration || (value is GenericFixed f && f.Bytes.Length == 12);

    public override object? ToRaw(object? value)
    {
        if (value is not AvroDuration d)
        {
            return value;
        }

        var bytes = new byte[12];
        Format(d, bytes);
        return new GenericFixed(_schema, bytes);
    }

    public override object? FromRaw(object? raw) => raw is GenericFixed f ? Parse(f.Bytes) : raw;

    private static void Format(AvroDuration d, Span<byte> bytes)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, d.Months);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[4..], d.Days);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[8..], d.Milliseconds);
    }

    private static AvroDuration Parse(ReadOnlySpan<byte> bytes) => new(
        BinaryPrimitives.ReadUInt32LittleEndian(bytes),
        BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]),
        BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]));
}
