using System.Text;
using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Errors;
using Pipeline.Connect.Api.Storage;
using Pipeline.Connect.Runtime.Converters.Headers;

namespace Pipeline.Connect.Runtime.Converters;

/// <summary>
/// Kafka's default header converter: writes every header value as UTF-8 text (see
/// <see cref="HeaderValueFormatter"/>: strings as they are, numbers and booleans as Java prints
/// them, bytes as base64, dates and times in ISO-8601, lists and maps as <c>[..]</c> and
/// <c>{..}</c>); reads text back with its type inferred (see <see cref="HeaderValueParser"/>:
/// booleans, the smallest fitting integer type, floats, ISO dates/times/timestamps, arrays, maps,
/// else a string). Empty text is an empty string; a null header is null. Structs are written but
/// come back as maps. Thread-safe.
/// </summary>
[PluginAlias("org.apache.kafka.connect.storage.SimpleHeaderConverter")]
public sealed class SimpleHeaderConverter : IHeaderConverter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public ConfigDef Config => new();

    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
    }

    public SchemaAndValue ToConnectHeader(string topic, string headerKey, byte[]? value)
    {
        if (value is null)
        {
            return SchemaAndValue.Null;
        }

        var text = Utf8.GetString(value);
        try
        {
            return HeaderValueParser.Parse(text);
        }
        catch (Exception e) when (e is not DataException)
        {
            // Kafka logs and keeps the text when inference fails unexpectedly; so do we.
            return new SchemaAndValue(Schema.String, text);
        }
    }

    public byte[]? FromConnectHeader(string topic, string headerKey, Schema? schema, object? value) =>
        value is null ? null : Utf8.GetBytes(HeaderValueFormatter.ToText(value));
}
