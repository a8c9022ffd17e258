using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Transforms;

namespace Pipeline.Connect.Runtime.Transforms.Predicates;

/// <summary>Kafka's <c>HasHeaderKey</c>: true when the record has at least one header called <c>name</c>.</summary>
[PluginAlias("org.apache.kafka.connect.transforms.predicates.HasHeaderKey")]
public sealed class HasHeaderKey : IPredicate, IVersioned
{
    public const string NameConfig = "name";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(NameConfig, ConfigType.String, ConfigDef.NoDefault, ConfigValidators.NonEmptyString, Importance.Medium, "The header name.");

    private string _name = "";

    public ConfigDef Config => Definition;

    public string Version => BuiltInTransforms.Version;

    public void Configure(IReadOnlyDictionary<string, string> configs) => _name = new AbstractConfig(Definition, configs).GetString(NameConfig)!;

    public bool Test(ConnectRecord record) => record.Headers.LastWithName(_name) is not null;

    public void Dispose()
    {
    }

    public override string ToString() => $"HasHeaderKey{{name='{_name}'}}";
}
