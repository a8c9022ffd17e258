using System.Text.RegularExpressions;
using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Transforms;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>
/// Kafka's <c>RegexRouter</c>: when the whole topic matches <c>regex</c>, the topic becomes
/// <c>replacement</c> with <c>$1</c>-style group references filled in; otherwise the record is unchanged.
/// </summary>
[PluginAlias("org.apache.kafka.connect.transforms.RegexRouter")]
public sealed class RegexRouter : ITransformation, IVersioned
{
    public const string RegexConfig = "regex";
    public const string ReplacementConfig = "replacement";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(RegexConfig, ConfigType.String, ConfigDef.NoDefault, ConfigValidators.All(ConfigValidators.NonNull, TransformValidators.Regex), Importance.High, "Regular expression to use for matching.")
        .Define(ReplacementConfig, ConfigType.String, ConfigDef.NoDefault, ConfigValidators.NonNull, Importance.High, "Replacement string.");

    private Regex? _regex;
    private string _replacement = "";

    public ConfigDef Config => Definition;

    public string Version => BuiltInTransforms.Version;

    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = TransformValidators.Parse(Definition, configs);
        _regex = JavaRegex.FullMatch(config.GetString(RegexConfig)!);
        _replacement = JavaRegex.Replacement(config.GetString(ReplacementConfig)!);
    }

    public ConnectRecord? Apply(ConnectRecord record)
    {
        var match = _regex!.Match(record.Topic);
        if (!match.Success)
        {
            return record;
        }

        var topic = match.Result(_replacement);
        return record.NewRecord(topic, record.KafkaPartition, record.KeySchema, record.Key, record.ValueSchema, record.Value, record.Timestamp);
    }

    public void Dispose()
    {
    }
}
