namespace Pipeline.Broker.Tests.Support;

/// <summary>IncrementalAlterConfigs operations as they are on the wire.</summary>
public enum ConfigOp : sbyte
{
    Set = 0,
    Delete = 1,
    Append = 2,
    Subtract = 3,
}
