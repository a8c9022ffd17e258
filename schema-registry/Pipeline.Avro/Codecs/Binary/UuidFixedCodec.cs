using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Codecs.Binary;

/// <summary>uuid on fixed(16): Guid as its 16 bytes in RFC 4122 (big-endian) order, not Guid.ToByteArray()'s mixed order.</summary>
internal sealed class UuidFixedCodec(FixedSchema schema) : BinaryCodec(schema)
{
    private readonly FixedSchema _schema = schema;

    public override void Write(ref AvroBinaryWriter writer, object? value)
    {
        switch (value)
        {
            case Guid guid:
                Span<byte> bytes = stackalloc byte[16];
                guid.TryWriteBytes(bytes, bigEndian: true, out _);
                writer.WriteFixed(bytes);
                return;
            case GenericFixed f when f.Bytes.Length == 16:
                writer.WriteFixed(f.Bytes);
                return;
            default:
                CodecErrors.Mismatch(Schema, value);
                return;
        }
    }

    public override object? Read(ref AvroBinaryReader reader) => new Guid(reader.ReadFixed(16), bigEndian: true);

    public override void Skip(ref AvroBinaryReader reader) => reader.Skip(16);

    public override bool IsNative(object value) => value is Guid;

    public override bool CanWrite(object value) => value is Guid || (value is GenericFixed f && f.Bytes.Length == 16);

    public override object? ToRaw(object? value) => value is Guid g ? new GenericFixed(_schema, g.ToByteArray(bigEndian: true)) : value;

    public override object? FromRaw(object? raw) => raw is GenericFixed f ? new Guid(f.Bytes, bigEndian: true) : raw;
}
