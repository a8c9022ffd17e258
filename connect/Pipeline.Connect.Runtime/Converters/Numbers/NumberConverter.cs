using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Errors;
using Pipeline.Connect.Api.Storage;

namespace Pipeline.Connect.Runtime.Converters.Numbers;

/// <summary>
/// Kafka's NumberConverter: one fixed-size value in the big-endian layout of Kafka's serializers
/// (Short 2 bytes, Integer 4, Long 8, Float/Double IEEE 754 bits 4/8, Boolean one byte 0/1).
/// Writing ignores the schema and needs a value of exactly <typeparamref name="T"/>; reading
/// gives the converter's optional schema (null payload, null value). Also a header converter.
/// </summary>
public abstract class NumberConverter<T> : IConverter, IHeaderConverter
    where T : struct
{
    /// <summary>The optional schema of the values read.</summary>
    protected abstract Schema ValueSchema { get; }

    /// <summary>Kafka's name of the type, for messages (Short, Integer, ...).</summary>
    protected abstract string TypeName { get; }

    /// <summary>The payload size in bytes.</summary>
    protected abstract int Size { get; }

    public ConfigDef Config => ConverterTypeSetting.Define(new ConfigDef());

    public void Configure(IReadOnlyDictionary<string, string> configs, bool isKey) => Configure(configs);

    public void Configure(IReadOnlyDictionary<string, string> configs) => _ = new AbstractConfig(Config, configs);

    public byte[]? FromConnectData(string topic, ConnectHeaders? headers, Schema? schema, object? value)
    {
        if (value is null)
        {
            return null;
        }

        if (value is not T typed)
        {
            throw new DataException($"Failed to serialize to {TypeName} (was {value.GetType()})");
        }

        var bytes = new byte[Size];
        Write(typed, bytes);
        return bytes;
    }

    public SchemaAndValue ToConnectData(string topic, ConnectHeaders? headers, byte[]? value)
    {
        if (value is null)
        {
            return new SchemaAndValue(ValueSchema, null);
        }

        if (value.Length != Size)
        {
            throw new DataException($"Failed to deserialize {TypeName}: Size of data received by {TypeName}Deserializer is not {Size}");
        }

        return new SchemaAndValue(ValueSchema, Read(value));
    }

    public SchemaAndValue ToConnectHeader(string topic, string headerKey, byte[]? value) => ToConnectData(topic, null, value);

    public byte[]? FromConnectHeader(string topic, string headerKey, Schema? schema, object? value) => FromConnectData(topic, null, schema, value);

    protected abstract void Write(T value, Span<byte> destination);

    /// <summary>The value of exactly <see cref="Size"/> bytes; throws <see cref="DataException"/> for an invalid payload.</summary>
    protected abstract T Read(ReadOnlySpan<byte> source);
}
