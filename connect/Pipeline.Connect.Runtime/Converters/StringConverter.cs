using System.Globalization;
using System.Text;
using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Errors;
using Pipeline.Connect.Api.Storage;
using Pipeline.Connect.Runtime.Converters.Json;

namespace Pipeline.Connect.Runtime.Converters;

/// <summary>
/// Kafka's StringConverter: writes any value as its string form (numbers as Java prints them) in
/// <c>converter.encoding</c> (UTF-8 by default); reads every payload as an optional string, a null
/// payload as a null string. Also a header converter. Thread-safe once configured.
/// </summary>
[PluginAlias("org.apache.kafka.connect.storage.StringConverter")]
public sealed class StringConverter : IConverter, IHeaderConverter
{
    public const string EncodingConfig = "converter.encoding";

    private Encoding _encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public ConfigDef Config => Definition();

    public void Configure(IReadOnlyDictionary<string, string> configs, bool isKey) => Configure(configs);

    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var parsed = new AbstractConfig(Definition(), configs);
        var name = parsed.GetString(EncodingConfig)!;
        try
        {
            _encoding = string.Equals(name, "UTF-8", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "UTF8", StringComparison.OrdinalIgnoreCase)
                ? new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false)
                : Encoding.GetEncoding(name);
        }
        catch (ArgumentException e)
        {
            throw new ConfigException(EncodingConfig, name, $"Unsupported encoding: {e.Message}");
        }
    }

    public byte[]? FromConnectData(string topic, ConnectHeaders? headers, Schema? schema, object? value) =>
        value is null ? null : _encoding.GetBytes(ToText(value));

    public SchemaAndValue ToConnectData(string topic, ConnectHeaders? headers, byte[]? value) =>
        new(Schema.OptionalString, value is null ? null : _encoding.GetString(value));

    public SchemaAndValue ToConnectHeader(string topic, string headerKey, byte[]? value) => ToConnectData(topic, null, value);

    public byte[]? FromConnectHeader(string topic, string headerKey, Schema? schema, object? value) => FromConnectData(topic, null, schema, value);

    private static ConfigDef Definition() => ConverterTypeSetting.Define(new ConfigDef())
        .Define(EncodingConfig, ConfigType.String, "UTF-8", null, Importance.High, "The name of the character encoding to use for converting between strings and bytes.", "Converter", 1, ConfigWidth.Medium, "Character encoding");

    /// <summary>The value's string form, as Java's <c>toString</c> gives it for the Connect types.</summary>
    private static string ToText(object value) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        double d => JavaNumbers.DoubleToString(d),
        float f => JavaNumbers.FloatToString(f),
        byte[] => throw new DataException("StringConverter cannot write bytes: use ByteArrayConverter"),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
