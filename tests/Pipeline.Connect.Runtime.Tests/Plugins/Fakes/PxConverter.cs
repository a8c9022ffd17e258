using System.Text;
using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Storage;

namespace Pipeline.Connect.Runtime.Tests.Plugins.Fakes;

/// <summary>A converter that is also a header converter (as Kafka's StringConverter).</summary>
[PluginAlias("com.example.PxConverter")]
public sealed class PxConverter : IConverter, IHeaderConverter
{
    public ConfigDef Config { get; } = new ConfigDef().Define("px.encoding", ConfigType.String, "utf8", Importance.Low, "Encoding.");

    public void Configure(IReadOnlyDictionary<string, string> configs, bool isKey)
    {
    }

    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
    }

    public byte[]? FromConnectData(string topic, ConnectHeaders? headers, Schema? schema, object? value) => value is null ? null : Encoding.UTF8.GetBytes(value.ToString()!);

    public SchemaAndValue ToConnectData(string topic, ConnectHeaders? headers, byte[]? value) => SchemaAndValue.Null;

    public SchemaAndValue ToConnectHeader(string topic, string headerKey, byte[]? value) => SchemaAndValue.Null;

    public byte[]? FromConnectHeader(string topic, string headerKey, Schema? schema, object? value) => null;
}
