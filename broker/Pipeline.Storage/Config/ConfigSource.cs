namespace Pipeline.Storage.Config;

/// <summary>The <c>ConfigSource</c> of DescribeConfigs v1+ (int8 on the wire, protocol reference 11.1).</summary>
public enum ConfigSource : sbyte
{
    Unknown = 0,
    TopicConfig = 1,
    DynamicBrokerConfig = 2,
    DynamicDefaultBrokerConfig = 3,
    StaticBrokerConfig = 4,
    DefaultConfig = 5,
    DynamicBrokerLoggerConfig = 6,
    ClientMetricsConfig = 7,
    GroupConfig = 8,
}
