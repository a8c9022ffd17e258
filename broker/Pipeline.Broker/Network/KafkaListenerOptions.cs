namespace Pipeline.Broker.Network;

/// <summary>Settings of the Kafka listeners, from the broker config.</summary>
public sealed record KafkaListenerOptions
{
    public int SocketRequestMaxBytes { get; init; } = 104857600;

    public int QueuedMaxRequests { get; init; } = 500;

    public int SocketSendBufferBytes { get; init; } = 102400;

    public int SocketReceiveBufferBytes { get; init; } = 102400;

    /// <summary>Highest ApiVersions version, advertised in the KIP-511 fallback answer.</summary>
    public short ApiVersionsMaxVersion { get; init; } = 3;
}
