using System.Buffers;
using Pipeline.Avro.Codecs.Binary;
using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Codecs;

/// <summary>
/// Writes datums of one schema in Avro binary. Build once per schema and reuse (thread-safe).
/// Writing a <see cref="GenericRecord"/> into an <see cref="IBufferWriter{T}"/> allocates nothing
/// per field.
/// </summary>
public sealed class DatumWriter
{
    private readonly BinaryCodec _codec;

    public DatumWriter(Schema schema)
    {
        Schema = schema ?? throw new ArgumentNullException(nameof(schema));
        _codec = CodecBuilder.For(schema);
    }

    public Schema Schema { get; }

    public void Write(object? datum, IBufferWriter<byte> output)
    {
        var writer = new AvroBinaryWriter(output);
        _codec.Write(ref writer, datum);
        writer.Flush();
    }

    /// <summary>Appends to a writer the caller flushes (to write several datums in a row).</summary>
    public void Write(object? datum, ref AvroBinaryWriter writer) => _codec.Write(ref writer, datum);

    public byte[] ToBytes(object? datum)
    {
        var output = new ArrayBufferWriter<byte>(64);
        Write(datum, output);
        return output.WrittenSpan.ToArray();
    }
}
