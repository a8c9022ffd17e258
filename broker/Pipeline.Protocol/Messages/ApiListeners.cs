namespace Pipeline.Protocol.Messages;

/// <summary>The server roles that accept an API (the spec's "listeners").</summary>
[Flags]
public enum ApiListeners
{
    None = 0,
    ZkBroker = 1,
    Broker = 2,
    Controller = 4,
}
