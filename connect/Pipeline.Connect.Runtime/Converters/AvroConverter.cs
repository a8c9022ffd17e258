using System.Collections.Concurrent;
using Pipeline.Avro.Codecs;
using Pipeline.Avro.Schemas;
using Pipeline.Client.Serialization;
using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Errors;
using Pipeline.Connect.Api.Storage;
using Pipeline.Connect.Runtime.Converters.Avro;
using Pipeline.SchemaRegistry.Serdes;
using AvroSchema = Pipeline.Avro.Schemas.Schema;
using ConnectSchema = Pipeline.Connect.Api.Data.Schema;

namespace Pipeline.Connect.Runtime.Converters;

/// <summary>
/// Confluent's AvroConverter: Connect data as Avro in Confluent's wire format (magic 0, 4-byte
/// schema id, Avro binary) against a schema registry, with Connect schemas mapped to Avro as
/// Confluent's AvroData does (<see cref="ConnectToAvroSchema"/>, <see cref="AvroToConnectSchema"/>).
/// Settings: <c>schema.registry.url</c> (required, comma-separated), <c>auto.register.schemas</c>
/// (true), <c>use.latest.version</c> (false), <c>normalize.schemas</c>,
/// <c>key.subject.name.strategy</c>/<c>value.subject.name.strategy</c> (Confluent's class names of
/// TopicNameStrategy, RecordNameStrategy, TopicRecordNameStrategy), <c>schemas.cache.size</c>.
/// Schemaless data is refused. Thread-safe once configured; the registry is only asked on the
/// first record of each schema (writing) or schema id (reading).
/// </summary>
[PluginAlias("io.confluent.connect.avro.AvroConverter")]
public sealed class AvroConverter : IConverter, IDisposable
{
    public const string SchemaRegistryUrlConfig = "schema.registry.url";

    private readonly ConcurrentDictionary<ConnectSchema, Writer> _writers = new();
    private readonly ConcurrentDictionary<int, Reader> _readers = new();
    private ISchemaRegistryClient? _client;
    private bool _ownsClient;
    private AvroSerdeConfig _serde = AvroSerdeConfig.Default;
    private bool _isKey;
    private int _cacheSize = 1000;

    public AvroConverter()
    {
    }

    /// <summary>A converter over a given registry client (tests, or a worker sharing one client); <c>schema.registry.url</c> is then optional.</summary>
    public AvroConverter(ISchemaRegistryClient client) => _client = client ?? throw new ArgumentNullException(nameof(client));

    public ConfigDef Config => Definition(urlRequired: _client is null || _ownsClient);

    public void Configure(IReadOnlyDictionary<string, string> configs, bool isKey)
    {
        var parsed = new AbstractConfig(Definition(urlRequired: _client is null || _ownsClient), configs);
        _isKey = isKey;
        _cacheSize = parsed.GetInt("schemas.cache.size");
        try
        {
            _serde = AvroSerdeConfig.FromProperties(configs, isKey);
        }
        catch (ArgumentException e)
        {
            var key = isKey ? "key.subject.name.strategy" : "value.subject.name.strategy";
            throw new ConfigException(key, configs.GetValueOrDefault(key), e.Message);
        }

        if (_client is null || _ownsClient)
        {
            _client?.Dispose();
            _client = new SchemaRegistryClient(parsed.GetString(SchemaRegistryUrlConfig)!);
            _ownsClient = true;
        }

        _writers.Clear();
        _readers.Clear();
    }

    public byte[]? FromConnectData(string topic, ConnectHeaders? headers, ConnectSchema? schema, object? value)
    {
        if (schema is null)
        {
            if (value is null)
            {
                return null;
            }

            throw new DataException($"AvroConverter needs a schema: the record for topic {topic} is schemaless");
        }

        var client = _client ?? throw new InvalidOperationException("AvroConverter is not configured");
        if (!_writers.TryGetValue(schema, out var writer))
        {
            var avro = ConnectToAvroSchema.Convert(schema);
            writer = new Writer(avro, new AvroSerializer<object?>(client, _serde, avro));
            if (_writers.Count >= _cacheSize)
            {
                _writers.Clear();
            }

            _writers[schema] = writer;
        }

        var avroValue = AvroValues.ToAvro(schema, writer.Schema, value);
        try
        {
            return writer.Serializer.Serialize(avroValue, new SerializationContext(_isKey ? MessageComponentType.Key : MessageComponentType.Value, topic));
        }
        catch (Exception e) when (e is not ConnectException)
        {
            throw Wrap($"Failed to serialize Avro data from topic {topic}", e);
        }
    }

    public SchemaAndValue ToConnectData(string topic, ConnectHeaders? headers, byte[]? value)
    {
        if (value is null)
        {
            return SchemaAndValue.Null;
        }

        try
        {
            var id = WireFormat.ReadSchemaId(value);
            var reader = _readers.TryGetValue(id, out var known) ? known : LoadReader(id);
            var avroValue = reader.Codec.Read(value.AsSpan(WireFormat.HeaderSize));
            return new SchemaAndValue(reader.ConnectSchema, AvroValues.ToConnect(reader.ConnectSchema, reader.Codec.WriterSchema, avroValue));
        }
        catch (Exception e) when (e is not ConnectException)
        {
            throw Wrap($"Failed to deserialize data for topic {topic} to Avro", e);
        }
    }

    public void Dispose()
    {
        if (_ownsClient)
        {
            _client?.Dispose();
        }
    }

    private Reader LoadReader(int id)
    {
        var client = _client ?? throw new InvalidOperationException("AvroConverter is not configured");
        var registered = client.GetSchemaByIdAsync(id).GetAwaiter().GetResult();
        if (registered.SchemaType != "AVRO")
        {
            throw new DataException($"Schema {id} is {registered.SchemaType}, not AVRO");
        }

        var parser = new SchemaParser();
        ParseReferences(client, parser, registered, new HashSet<string>(StringComparer.Ordinal), depth: 0);
        var writerSchema = parser.Parse(registered.Schema);
        var reader = new Reader(new DatumReader(writerSchema, readerSchema: null, convertLogicalTypes: false), AvroToConnectSchema.Convert(writerSchema));
        if (_readers.Count >= _cacheSize)
        {
            _readers.Clear();
        }

        _readers[id] = reader;
        return reader;
    }

    private static void ParseReferences(ISchemaRegistryClient client, SchemaParser parser, RegisteredSchema schema, HashSet<string> seen, int depth)
    {
        if (depth > 64)
        {
            throw new DataException("Schema references nest more than 64 levels deep");
        }

        foreach (var reference in schema.References)
        {
            if (seen.Add(reference.Name))
            {
                var target = client.GetSchemaAsync(reference.Subject, reference.Version).GetAwaiter().GetResult();
                ParseReferences(client, parser, target, seen, depth + 1);
                parser.Parse(target.Schema);
            }
        }
    }

    /// <summary>Registry outages are retriable (the worker retries within errors.retry.timeout); anything else is bad data.</summary>
    private static ConnectException Wrap(string message, Exception e) => e switch
    {
        HttpRequestException or TaskCanceledException => new RetriableException($"{message}: {e.Message}", e),
        SchemaRegistryClientException { Status: >= 500 } => new RetriableException($"{message}: {e.Message}", e),
        _ => new DataException($"{message}: {e.Message}", e),
    };

    private static ConfigDef Definition(bool urlRequired) => ConverterTypeSetting.Define(new ConfigDef())
        .Define(SchemaRegistryUrlConfig, ConfigType.String, urlRequired ? ConfigDef.NoDefault : null, null, Importance.High, "Comma-separated list of URLs for Schema Registry instances that can be used to register or look up schemas.")
        .Define("auto.register.schemas", ConfigType.Boolean, true, null, Importance.Medium, "Specify if the Serializer should attempt to register the Schema with Schema Registry.")
        .Define("use.latest.version", ConfigType.Boolean, false, null, Importance.Low, "Use the latest version of the schema in the subject instead of the record's own.")
        .Define("normalize.schemas", ConfigType.Boolean, false, null, Importance.Low, "Whether to normalize schemas, which generally ignores ordering when it is not significant.")
        .Define("key.subject.name.strategy", ConfigType.Class, "io.confluent.kafka.serializers.subject.TopicNameStrategy", null, Importance.Medium, "Determines how to construct the subject name under which the key schema is registered.")
        .Define("value.subject.name.strategy", ConfigType.Class, "io.confluent.kafka.serializers.subject.TopicNameStrategy", null, Importance.Medium, "Determines how to construct the subject name under which the value schema is registered.")
        .Define("schemas.cache.size", ConfigType.Int, 1000, ConfigValidators.AtLeast(1), Importance.Low, "Size of the converted schemas cache.");

    private sealed record Writer(AvroSchema Schema, AvroSerializer<object?> Serializer);

    private sealed record Reader(DatumReader Codec, ConnectSchema ConnectSchema);
}
