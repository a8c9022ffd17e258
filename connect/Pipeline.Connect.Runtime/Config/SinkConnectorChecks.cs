using Pipeline.Connect.Api.Config;
using N = Pipeline.Connect.Runtime.Config.ConnectorConfigNames;

namespace Pipeline.Connect.Runtime.Config;

/// <summary>
/// The checks across settings of a sink (Kafka's SinkConnectorConfig.validate): exactly one of
/// topics and topics.regex, and a dead letter queue topic that is not one of the consumed topics.
/// </summary>
internal static class SinkConnectorChecks
{
    public const string BothSet = "topics and topics.regex are mutually exclusive options, but both are set.";
    public const string NoneSet = "Must configure one of topics or topics.regex";

    /// <summary>The errors by setting name; empty when the config is fine.</summary>
    public static List<(string Name, string Message)> Errors(IReadOnlyDictionary<string, string> props)
    {
        var errors = new List<(string, string)>();
        var topics = List(props, N.Topics);
        var regex = props.TryGetValue(N.TopicsRegex, out var r) ? r?.Trim() ?? string.Empty : string.Empty;
        if (topics.Count > 0 && regex.Length > 0)
        {
            errors.Add((N.Topics, BothSet));
            errors.Add((N.TopicsRegex, BothSet));
        }
        else if (topics.Count == 0 && regex.Length == 0)
        {
            errors.Add((N.Topics, NoneSet));
            errors.Add((N.TopicsRegex, NoneSet));
        }

        var dlq = props.TryGetValue(N.DlqTopicName, out var d) ? d?.Trim() ?? string.Empty : string.Empty;
        if (dlq.Length > 0)
        {
            if (topics.Contains(dlq, StringComparer.Ordinal))
            {
                errors.Add((N.DlqTopicName, $"The DLQ topic '{dlq}' may not be included in the list of topics ('{N.Topics}={string.Join(",", topics)}') consumed by the connector"));
            }
            else if (regex.Length > 0 && SafeMatch(regex, dlq))
            {
                errors.Add((N.DlqTopicName, $"The DLQ topic '{dlq}' may not be included in the regex matching the topics ('{N.TopicsRegex}={regex}') consumed by the connector"));
            }
        }

        return errors;
    }

    public static void EnsureValid(ConnectorConfig config)
    {
        var errors = Errors(config.Originals);
        if (errors.Count > 0)
        {
            var (name, message) = errors[0];
            throw new ConfigException(name, config.Originals.TryGetValue(name, out var v) ? v : null, message);
        }
    }

    private static List<string> List(IReadOnlyDictionary<string, string> props, string key) =>
        props.TryGetValue(key, out var raw) && raw is not null ? [.. raw.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)] : [];

    private static bool SafeMatch(string regex, string topic)
    {
        try
        {
            return TopicCreationGroup.WholeName(regex).IsMatch(topic);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
