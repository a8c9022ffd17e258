using System.Text.Json;
using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Errors;
using Pipeline.Connect.Api.Storage;
using Pipeline.Connect.Runtime.Converters.Json;

namespace Pipeline.Connect.Runtime.Converters;

/// <summary>
/// Kafka's JsonConverter, byte for byte. With <c>schemas.enable=true</c> (the default) every key
/// or value is the envelope <c>{"schema":{...},"payload":...}</c> (schema null when the data has
/// none); with false, only the payload, read back schemaless (integers as long, other numbers as
/// double, objects as <c>Dictionary&lt;string, object?&gt;</c>, arrays as <c>List&lt;object?&gt;</c>).
/// Settings: <c>schemas.enable</c>, <c>schemas.cache.size</c> (1000), <c>decimal.format</c>
/// (BASE64 or NUMERIC), <c>replace.null.with.default</c> (true). Also a header converter.
/// <para>Thread-safe once configured: schema JSON is cached both ways, and each call writes into a
/// per-thread pooled buffer, so a conversion allocates its result and the values it reads.</para>
/// </summary>
[PluginAlias("org.apache.kafka.connect.json.JsonConverter")]
public sealed class JsonConverter : IConverter, IHeaderConverter
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 1000 };

    private JsonConverterSettings _settings = JsonConverterSettings.Default;
    private BoundedCache<Schema, byte[]> _schemaJson = new(JsonConverterSettings.Default.SchemasCacheSize);
    private BoundedCache<byte[], Schema?> _schemas = new(JsonConverterSettings.Default.SchemasCacheSize, ByteSequenceComparer.Instance);

    public ConfigDef Config => JsonConverterSettings.Definition();

    public void Configure(IReadOnlyDictionary<string, string> configs, bool isKey) => Configure(configs);

    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        ArgumentNullException.ThrowIfNull(configs);
        _settings = JsonConverterSettings.From(configs);
        _schemaJson = new BoundedCache<Schema, byte[]>(_settings.SchemasCacheSize);
        _schemas = new BoundedCache<byte[], Schema?>(_settings.SchemasCacheSize, ByteSequenceComparer.Instance);
    }

    public byte[]? FromConnectData(string topic, ConnectHeaders? headers, Schema? schema, object? value)
    {
        if (schema is null && value is null)
        {
            return null;
        }

        var settings = _settings;
        var writer = JacksonJsonWriter.Rent();
        try
        {
            if (settings.SchemasEnabled)
            {
                var schemaJson = schema is null ? null : SchemaJson(schema);
                writer.StartObject();
                writer.Name("schema");
                if (schemaJson is null)
                {
                    writer.Null();
                }
                else
                {
                    writer.RawValue(schemaJson);
                }

                writer.Name("payload");
                JsonValueWriter.Write(writer, schema, value, settings);
                writer.EndObject();
            }
            else
            {
                JsonValueWriter.Write(writer, schema, value, settings);
            }

            return writer.ToArray();
        }
        finally
        {
            JacksonJsonWriter.Return(writer);
        }
    }

    public SchemaAndValue ToConnectData(string topic, ConnectHeaders? headers, byte[]? value)
    {
        if (value is null)
        {
            return SchemaAndValue.Null;
        }

        var settings = _settings;
        if (!settings.SchemasEnabled)
        {
            // Straight from the bytes: no JsonDocument per record.
            try
            {
                return new SchemaAndValue(null, JsonSchemalessReader.Read(value));
            }
            catch (JsonException e)
            {
                throw ParseFailed(topic, e);
            }
        }

        JsonEnvelope envelope;
        try
        {
            if (!JsonEnvelope.TryLocate(value, out envelope))
            {
                throw new DataException("JsonConverter with schemas.enable requires \"schema\" and \"payload\" fields and may not contain additional fields. If you are trying to deserialize plain JSON data, set schemas.enable=false in your converter configuration.");
            }
        }
        catch (JsonException e)
        {
            throw ParseFailed(topic, e);
        }

        // The whole envelope is well-formed JSON by now: only the payload is parsed into values.
        var schema = envelope.SchemaIsNull ? null : ConnectSchema(value.AsSpan(envelope.Schema), settings);
        var payload = value.AsMemory(envelope.Payload);
        if (schema is null)
        {
            return new SchemaAndValue(null, JsonSchemalessReader.Read(payload.Span));
        }

        using var document = JsonDocument.Parse(payload, DocumentOptions);
        return new SchemaAndValue(schema, JsonValueReader.Read(schema, document.RootElement, settings));
    }

    public SchemaAndValue ToConnectHeader(string topic, string headerKey, byte[]? value) => ToConnectData(topic, null, value);

    public byte[]? FromConnectHeader(string topic, string headerKey, Schema? schema, object? value) => FromConnectData(topic, null, schema, value);

    /// <summary>A Connect schema in Kafka's JSON form (cached), e.g. for tools that show schemas.</summary>
    public byte[] SchemaJson(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (_schemaJson.TryGetValue(schema, out var cached))
        {
            return cached;
        }

        var json = JsonSchemaWriter.ToJson(schema, _settings);
        _schemaJson.Add(schema, json);
        return json;
    }

    private Schema? ConnectSchema(ReadOnlySpan<byte> raw, JsonConverterSettings settings)
    {
        if (_schemas.TryGetValue(raw, out var cached))
        {
            return cached;
        }

        var bytes = raw.ToArray();
        using var document = JsonDocument.Parse(bytes, DocumentOptions);
        var schema = JsonSchemaReader.Read(document.RootElement, settings);
        _schemas.Add(bytes, schema);
        return schema;
    }

    private static DataException ParseFailed(string topic, JsonException e) =>
        new($"Converting byte[] to Kafka Connect data failed due to serialization error of topic {topic}: {e.Message}", e);
}
