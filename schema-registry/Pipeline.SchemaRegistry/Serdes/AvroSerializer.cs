using System.Buffers;
using System.Collections.Concurrent;
using Pipeline.Avro.Codecs;
using Pipeline.Avro.Schemas;
using Pipeline.Client.Serialization;

namespace Pipeline.SchemaRegistry.Serdes;

/// <summary>
/// Serializes values in Confluent's Avro wire format (magic 0, schema id, Avro binary). The
/// writer schema is the value's own (<see cref="GenericRecord.Schema"/>), the one given to the
/// constructor, or for primitives the matching primitive schema. The id comes from registering
/// the schema (auto.register.schemas), looking it up, or the subject's latest version
/// (use.latest.version); ids and writers are cached, so only the first value of each schema
/// waits for the registry. Null is a Kafka null (a tombstone), without a header. Thread-safe.
/// </summary>
public sealed class AvroSerializer<T> : ISerializer<T>
{
    private readonly ISchemaRegistryClient _client;
    private readonly AvroSerdeConfig _config;
    private readonly Schema? _schema;
    private readonly AvroSchemaResolver _resolver;
    private readonly ConcurrentDictionary<(string Subject, string Schema), Target> _targets = new();

    public AvroSerializer(ISchemaRegistryClient client, AvroSerdeConfig? config = null, Schema? schema = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _config = config ?? AvroSerdeConfig.Default;
        _schema = schema;
        _resolver = new AvroSchemaResolver(client);
    }

    public byte[]? Serialize(T data, SerializationContext context)
    {
        if (data is null)
        {
            return null;
        }

        var schema = _schema ?? (data is GenericRecord record ? record.Schema : PrimitiveSchemaOf(data));
        var subject = SubjectNameStrategies.SubjectName(_config.SubjectNameStrategy, context.Topic, context.Component == MessageComponentType.Key, schema is NamedSchema named ? named.FullName : null);
        var target = _targets.TryGetValue((subject, schema.ToJson()), out var known) ? known : ResolveAsync(subject, schema).GetAwaiter().GetResult();
        var output = new ArrayBufferWriter<byte>(64);
        WireFormat.WriteHeader(output.GetSpan(WireFormat.HeaderSize), target.Id);
        output.Advance(WireFormat.HeaderSize);
        target.Writer.Write(Adapt(data, target.Writer.Schema), output);
        return output.WrittenSpan.ToArray();
    }

    private async Task<Target> ResolveAsync(string subject, Schema schema)
    {
        Target target;
        if (_config.UseLatestVersion)
        {
            var latest = await _client.GetSchemaAsync(subject, -1).ConfigureAwait(false);
            target = new Target(latest.Id, new DatumWriter(await _resolver.ParseAsync(latest).ConfigureAwait(false)));
        }
        else
        {
            var text = schema.ToJson();
            var id = _config.AutoRegisterSchemas
                ? await _client.RegisterSchemaAsync(subject, text, normalize: _config.NormalizeSchemas).ConfigureAwait(false)
                : (await _client.LookupSchemaAsync(subject, text, normalize: _config.NormalizeSchemas).ConfigureAwait(false)).Id;
            target = new Target(id, new DatumWriter(schema));
        }

        // use.latest.version keeps asking only until a value of this schema was written once, as Confluent's cache does.
        _targets[(subject, schema.ToJson())] = target;
        return target;
    }

    /// <summary>A record written with another version of its schema (use.latest.version) is copied field by field by name; fields it lacks take their defaults.</summary>
    private static object? Adapt(object? data, Schema writer)
    {
        if (data is GenericRecord record && writer is RecordSchema target && !ReferenceEquals(record.Schema, target) && record.Schema.ToJson() != target.ToJson())
        {
            var copy = new GenericRecord(target);
            foreach (var field in target.Fields)
            {
                copy[field.Position] = record.TryGet(field.Name, out var value) ? value : field.Default is { } d ? AvroJson.FromDefault(field.Schema, d) : null;
            }

            return copy;
        }

        return data;
    }

    private static Schema PrimitiveSchemaOf(object value) => value switch
    {
        string => PrimitiveSchema.Of(SchemaType.String),
        int => PrimitiveSchema.Of(SchemaType.Int),
        long => PrimitiveSchema.Of(SchemaType.Long),
        float => PrimitiveSchema.Of(SchemaType.Float),
        double => PrimitiveSchema.Of(SchemaType.Double),
        bool => PrimitiveSchema.Of(SchemaType.Boolean),
        byte[] => PrimitiveSchema.Of(SchemaType.Bytes),
        _ => throw new InvalidOperationException($"no Avro schema for a {value.GetType().Name}: pass a GenericRecord or give the serializer a schema"),
    };

    private sealed record Target(int Id, DatumWriter Writer);
}
