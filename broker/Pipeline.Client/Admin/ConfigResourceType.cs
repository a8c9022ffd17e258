namespace Pipeline.Client.Admin;

/// <summary>The int8 resource types of DescribeConfigs and the AlterConfigs APIs.</summary>
public enum ConfigResourceType : sbyte
{
    Unknown = 0,
    Topic = 2,

    /// <summary>Named by the broker id ("" = the cluster-wide default).</summary>
    Broker = 4,
    BrokerLogger = 8,
    ClientMetrics = 16,
    Group = 32,
}
