using System.Text.RegularExpressions;
using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Transforms;

namespace Pipeline.Connect.Runtime.Transforms.Predicates;

/// <summary>Kafka's <c>TopicNameMatches</c>: true when the whole topic name matches <c>pattern</c>.</summary>
[PluginAlias("org.apache.kafka.connect.transforms.predicates.TopicNameMatches")]
public sealed class TopicNameMatches : IPredicate, IVersioned
{
    public const string PatternConfig = "pattern";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(PatternConfig, ConfigType.String, ConfigDef.NoDefault, ConfigValidators.All(ConfigValidators.NonEmptyString, TransformValidators.Regex), Importance.Medium, "A Java regular expression for matching against the name of a record's topic.");

    private Regex? _pattern;

    public ConfigDef Config => Definition;

    public string Version => BuiltInTransforms.Version;

    public void Configure(IReadOnlyDictionary<string, string> configs) =>
        _pattern = JavaRegex.FullMatch(new AbstractConfig(Definition, configs).GetString(PatternConfig)!);

    public bool Test(ConnectRecord record) => _pattern!.IsMatch(record.Topic);

    public void Dispose()
    {
    }

    public override string ToString() => $"TopicNameMatches{{pattern={_pattern}}}";
}
