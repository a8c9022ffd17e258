namespace Pipeline.Broker.Handlers;

/// <summary>Resource types of the config APIs (README 11.1).</summary>
internal static class ConfigResourceType
{
    public const sbyte Unknown = 0;
    public const sbyte Topic = 2;
    public const sbyte Broker = 4;
    public const sbyte BrokerLogger = 8;
}
