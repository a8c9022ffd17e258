using Pipeline.Avro.Codecs.Binary;
using Pipeline.Avro.Resolution;
using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Codecs;

/// <summary>
/// Reads binary datums written with <see cref="WriterSchema"/> as values of
/// <see cref="ReaderSchema"/> (schema resolution when they differ: promotions, defaults,
/// skipped fields, enum defaults, union branches, aliases). Build once per schema pair and reuse
/// (thread-safe). A pair that cannot resolve fails only when a datum needs the missing part,
/// with an <see cref="AvroTypeException"/>, as Java does.
/// </summary>
public sealed class DatumReader
{
    private readonly BinaryCodec? _codec;
    private readonly Resolver? _resolver;

    /// <param name="readerSchema">Null to read with the writer's schema.</param>
    /// <param name="convertLogicalTypes">False returns underlying values (int for a date, byte[] for a decimal...).</param>
    public DatumReader(Schema writerSchema, Schema? readerSchema = null, bool convertLogicalTypes = true)
    {
        WriterSchema = writerSchema ?? throw new ArgumentNullException(nameof(writerSchema));
        ReaderSchema = readerSchema ?? writerSchema;
        if (ReferenceEquals(WriterSchema, ReaderSchema))
        {
            _codec = CodecBuilder.For(writerSchema, convertLogicalTypes);
        }
        else
        {
            _resolver = ResolverBuilder.Build(WriterSchema, ReaderSchema, convertLogicalTypes);
        }
    }

    public Schema WriterSchema { get; }

    public Schema ReaderSchema { get; }

    /// <summary>Reads one datum from the start of <paramref name="data"/> (trailing bytes are ignored).</summary>
    public object? Read(ReadOnlySpan<byte> data)
    {
        var reader = new AvroBinaryReader(data);
        return Read(ref reader);
    }

    public object? Read(ReadOnlySpan<byte> data, out int bytesConsumed)
    {
        var reader = new AvroBinaryReader(data);
        var result = Read(ref reader);
        bytesConsumed = reader.Position;
        return result;
    }

    public object? Read(ref AvroBinaryReader reader) => _codec is not null ? _codec.Read(ref reader) : _resolver!.Read(ref reader);
}
