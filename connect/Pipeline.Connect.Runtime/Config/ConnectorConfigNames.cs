namespace Pipeline.Connect.Runtime.Config;

/// <summary>The framework's connector setting names (Kafka's ConnectorConfig, SinkConnectorConfig, SourceConnectorConfig).</summary>
public static class ConnectorConfigNames
{
    public const string Name = "name";
    public const string ConnectorClass = "connector.class";
    public const string TasksMax = "tasks.max";
    public const string TasksMaxEnforce = "tasks.max.enforce";
    public const string KeyConverter = "key.converter";
    public const string ValueConverter = "value.converter";
    public const string HeaderConverter = "header.converter";
    public const string ConfigActionReload = "config.action.reload";
    public const string Transforms = "transforms";
    public const string Predicates = "predicates";
    public const string ErrorsRetryTimeout = "errors.retry.timeout";
    public const string ErrorsRetryDelayMax = "errors.retry.delay.max.ms";
    public const string ErrorsTolerance = "errors.tolerance";
    public const string ErrorsLogEnable = "errors.log.enable";
    public const string ErrorsLogIncludeMessages = "errors.log.include.messages";
    public const string Topics = "topics";
    public const string TopicsRegex = "topics.regex";
    public const string DlqTopicName = "errors.deadletterqueue.topic.name";
    public const string DlqTopicReplicationFactor = "errors.deadletterqueue.topic.replication.factor";
    public const string DlqContextHeadersEnable = "errors.deadletterqueue.context.headers.enable";
    public const string TopicCreationPrefix = "topic.creation.";
    public const string TopicCreationGroups = "topic.creation.groups";
    public const string TopicCreationDefaultGroup = "default";
    public const string ExactlyOnceSupport = "exactly.once.support";
    public const string TransactionBoundary = "transaction.boundary";
    public const string TransactionBoundaryInterval = "transaction.boundary.interval.ms";
    public const string OffsetsStorageTopic = "offsets.storage.topic";

    /// <summary>The worker's setting that allows source connectors' topic.creation.* (default true).</summary>
    public const string WorkerTopicCreationEnable = "topic.creation.enable";

    /// <summary>Kafka's default header converter, used when neither connector nor worker set one.</summary>
    public const string DefaultHeaderConverter = "org.apache.kafka.connect.storage.SimpleHeaderConverter";

    public const string CommonGroup = "Common";
    public const string TransformsGroup = "Transforms";
    public const string PredicatesGroup = "Predicates";
    public const string ErrorGroup = "Error Handling";
    public const string TopicCreationGroup = "Topic Creation";
    public const string ExactlyOnceGroup = "Exactly Once Support";
}
