using System.Globalization;
using Pipeline.Broker.Config;
using Pipeline.Protocol.Messages;
using Pipeline.Storage.Config;

namespace Pipeline.Broker.Handlers;

/// <summary>
/// Turns the storage layer's config descriptions and the broker's settings into DescribeConfigs
/// and CreateTopics (v5+) entries: value, source, synonyms, type and documentation.
/// </summary>
internal sealed class TopicConfigDescriber
{
    private readonly BrokerServices _broker;

    public TopicConfigDescriber(BrokerServices broker)
    {
        _broker = broker;
    }

    public IReadOnlyList<ConfigEntryDescription> DescribeTopic(IReadOnlyDictionary<string, string> overrides) =>
        LogConfig.Describe(overrides, _broker.Config.Properties);

    public List<CreateTopicsResponse.CreatableTopicConfigs> DescribeForCreate(IReadOnlyDictionary<string, string> overrides)
    {
        var result = new List<CreateTopicsResponse.CreatableTopicConfigs>();
        foreach (var e in DescribeTopic(overrides))
        {
            result.Add(new CreateTopicsResponse.CreatableTopicConfigs
            {
                Name = e.Name,
                Value = e.Value,
                ReadOnly = e.IsReadOnly,
                ConfigSource = (sbyte)e.Source,
                IsSensitive = e.IsSensitive,
            });
        }

        return result;
    }

    /// <summary>Every broker setting Pipeline knows, plus the broker-level topic defaults, with their effective values.</summary>
    public IReadOnlyList<ConfigEntryDescription> DescribeBroker()
    {
        var props = _broker.Config.Properties;
        var entries = new List<ConfigEntryDescription>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in BrokerConfigDef.Keys)
        {
            seen.Add(key.Name);
            entries.Add(Entry(key.Name, key.Type, key.Default, key.Documentation, key.Sensitive, props));
        }

        foreach (var topicKey in LogConfigDef.Keys)
        {
            foreach (var syn in topicKey.Synonyms)
            {
                if (seen.Add(syn.Name))
                {
                    entries.Add(Entry(syn.Name, syn.Type, syn.DefaultValue, $"Broker default of the topic config {topicKey.Name}. {topicKey.Documentation}", topicKey.IsSensitive, props));
                }
            }
        }

        return entries;
    }

    private ConfigEntryDescription Entry(string name, ConfigType type, string? defaultValue, string doc, bool sensitive, IReadOnlyDictionary<string, string> props)
    {
        var synonyms = new List<ConfigSynonym>();
        string? value;
        ConfigSource source;
        if (props.TryGetValue(name, out var configured))
        {
            value = configured;
            source = ConfigSource.StaticBrokerConfig;
            synonyms.Add(new ConfigSynonym(name, sensitive ? null : configured, ConfigSource.StaticBrokerConfig));
        }
        else
        {
            value = name == "node.id" || name == "broker.id" ? _broker.NodeId.ToString(CultureInfo.InvariantCulture) : defaultValue;
            source = ConfigSource.DefaultConfig;
        }

        if (defaultValue is not null)
        {
            synonyms.Add(new ConfigSynonym(name, sensitive ? null : defaultValue, ConfigSource.DefaultConfig));
        }

        return new ConfigEntryDescription(name, sensitive ? null : value, source, sensitive, IsReadOnly: true, type, doc, synonyms);
    }
}
