using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Errors;
using Pipeline.Connect.Api.Storage;

namespace Pipeline.Connect.Runtime.Converters;

/// <summary>
/// Kafka's ByteArrayConverter: passes bytes through unchanged. Writing accepts only byte[] values
/// (and a Bytes schema or none); reading gives an optional bytes schema. Also a header converter.
/// </summary>
[PluginAlias("org.apache.kafka.connect.converters.ByteArrayConverter")]
public sealed class ByteArrayConverter : IConverter, IHeaderConverter
{
    public ConfigDef Config => ConverterTypeSetting.Define(new ConfigDef());

    public void Configure(IReadOnlyDictionary<string, string> configs, bool isKey) => Configure(configs);

    public void Configure(IReadOnlyDictionary<string, string> configs) => _ = new AbstractConfig(Config, configs);

    public byte[]? FromConnectData(string topic, ConnectHeaders? headers, Schema? schema, object? value)
    {
        if (schema is not null && schema.Type != SchemaType.Bytes)
        {
            throw new DataException($"Invalid schema type for ByteArrayConverter: {schema.Type.ToString().ToUpperInvariant()}");
        }

        return value switch
        {
            null => null,
            byte[] bytes => bytes,
            _ => throw new DataException($"ByteArrayConverter is not compatible with objects of type {value.GetType()}"),
        };
    }

    public SchemaAndValue ToConnectData(string topic, ConnectHeaders? headers, byte[]? value) => new(Schema.OptionalBytes, value);

    public SchemaAndValue ToConnectHeader(string topic, string headerKey, byte[]? value) => ToConnectData(topic, null, value);

    public byte[]? FromConnectHeader(string topic, string headerKey, Schema? schema, object? value) => FromConnectData(topic, null, schema, value);
}
