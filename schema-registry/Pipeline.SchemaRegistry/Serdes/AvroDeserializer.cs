using System.Collections.Concurrent;
using Pipeline.Avro.Codecs;
using Pipeline.Avro.Schemas;
using Pipeline.Client.Serialization;

namespace Pipeline.SchemaRegistry.Serdes;

/// <summary>
/// Reads Confluent's Avro wire format: the schema id picks the writer schema (fetched once per id,
/// with its references), and the datum is read as the writer wrote it or, with a reader schema,
/// resolved to it. Values use Pipeline.Avro's generic model (GenericRecord, string, long, ...).
/// A Kafka null is returned as default. Thread-safe.
/// </summary>
public sealed class AvroDeserializer<T> : IDeserializer<T>
{
    private readonly Schema? _readerSchema;
    private readonly AvroSchemaResolver _resolver;
    private readonly ConcurrentDictionary<int, DatumReader> _readers = new();

    public AvroDeserializer(ISchemaRegistryClient client, Schema? readerSchema = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _readerSchema = readerSchema;
        _resolver = new AvroSchemaResolver(client);
    }

    public T Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context)
    {
        if (isNull)
        {
            return default!;
        }

        var id = WireFormat.ReadSchemaId(data);
        if (!_readers.TryGetValue(id, out var reader))
        {
            var writer = _resolver.ByIdAsync(id).GetAwaiter().GetResult();
            reader = _readers.GetOrAdd(id, _ => new DatumReader(writer, _readerSchema));
        }

        return (T)reader.Read(data[WireFormat.HeaderSize..])!;
    }
}
