using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Transforms;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>Kafka's <c>DropHeaders</c>: removes every header whose key is listed in <c>headers</c>.</summary>
[PluginAlias("org.apache.kafka.connect.transforms.DropHeaders")]
public sealed class DropHeaders : ITransformation, IVersioned
{
    public const string HeadersConfig = "headers";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(HeadersConfig, ConfigType.List, ConfigDef.NoDefault, TransformValidators.NonEmptyList, Importance.High, "The name of the headers to be removed.");

    private HashSet<string> _headers = [];

    public ConfigDef Config => Definition;

    public string Version => BuiltInTransforms.Version;

    public void Configure(IReadOnlyDictionary<string, string> configs) =>
        _headers = new HashSet<string>(TransformValidators.Parse(Definition, configs).GetList(HeadersConfig), StringComparer.Ordinal);

    public ConnectRecord? Apply(ConnectRecord record)
    {
        var kept = new List<ConnectHeader>(record.Headers.Count);
        foreach (var header in record.Headers)
        {
            if (!_headers.Contains(header.Key))
            {
                kept.Add(header);
            }
        }

        return record.NewRecord(record.Topic, record.KafkaPartition, record.KeySchema, record.Key, record.ValueSchema, record.Value, record.Timestamp, kept);
    }

    public void Dispose()
    {
    }
}
