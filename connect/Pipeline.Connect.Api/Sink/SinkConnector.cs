using Pipeline.Connect.Api.Connectors;

namespace Pipeline.Connect.Api.Sink;

/// <summary>A connector that writes topics to an outside system. Its config names the topics with <c>topics</c> or <c>topics.regex</c>.</summary>
public abstract class SinkConnector : Connector
{
    /// <summary>The setting listing the topics to read.</summary>
    public const string TopicsConfig = "topics";

    /// <summary>The setting giving a regular expression of topics to read.</summary>
    public const string TopicsRegexConfig = "topics.regex";

    /// <summary>
    /// Called before the consumer group's offsets are changed through the offsets REST endpoints
    /// (a null offset resets a partition). Return true to accept; throw to refuse with a reason.
    /// The default accepts the change (the offsets live in the consumer group).
    /// </summary>
    public virtual bool AlterOffsets(IReadOnlyDictionary<string, string> connectorConfig, IReadOnlyDictionary<TopicPartition, long?> offsets) => true;
}
