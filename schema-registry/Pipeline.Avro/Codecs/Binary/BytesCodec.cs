using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Codecs.Binary;

/// <summary>bytes: byte[] (also accepts ReadOnlyMemory, Memory and ArraySegment of bytes).</summary>
internal sealed class BytesCodec(Schema schema) : BinaryCodec(schema)
{
    public override void Write(ref AvroBinaryWriter writer, object? value)
    {
        switch (value)
        {
            case byte[] bytes:
                writer.WriteBytes(bytes);
                return;
            case ReadOnlyMemory<byte> memory:
                writer.WriteBytes(memory.Span);
                return;
            case Memory<byte> memory:
                writer.WriteBytes(memory.Span);
                return;
            case ArraySegment<byte> segment:
                writer.WriteBytes(segment);
                return;
            default:
                CodecErrors.Mismatch(Schema, value);
                return;
        }
    }

    public override object? Read(ref AvroBinaryReader reader) => reader.ReadBytes();

    public override void Skip(ref AvroBinaryReader reader) => reader.SkipBytes();

    public override bool IsNative(object value) => value is byte[];

    public override bool CanWrite(object value) => value is byte[] or ReadOnlyMemory<byte> or Memory<byte> or ArraySegment<byte>;
}
