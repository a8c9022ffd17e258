using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Data;

namespace Pipeline.Connect.Api.Storage;

/// <summary>
/// Turns Connect data into the bytes of a Kafka record key or value and back (JSON, Avro with a
/// schema registry, strings, raw bytes). Configured once per connector for keys and once for values.
/// </summary>
public interface IConverter
{
    /// <summary>The settings this converter accepts.</summary>
    ConfigDef Config { get; }

    /// <summary>Configures with the converter's properties (prefix removed); <paramref name="isKey"/> tells keys from values.</summary>
    void Configure(IReadOnlyDictionary<string, string> configs, bool isKey);

    /// <summary>Serializes <paramref name="value"/> (described by <paramref name="schema"/>, or schemaless); null stays null. Throws <see cref="Errors.DataException"/> when it cannot.</summary>
    byte[]? FromConnectData(string topic, ConnectHeaders? headers, Schema? schema, object? value);

    /// <summary>Deserializes the bytes of a record; null bytes give <see cref="SchemaAndValue.Null"/>. Throws <see cref="Errors.DataException"/> for malformed input.</summary>
    SchemaAndValue ToConnectData(string topic, ConnectHeaders? headers, byte[]? value);
}
