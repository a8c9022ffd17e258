using Pipeline.Client.Config;

namespace Pipeline.Client.Network;

/// <summary>The parts of <see cref="ClientOptions"/> a connection needs.</summary>
internal sealed record ConnectionSettings(
    string ClientId,
    TimeSpan RequestTimeout,
    TimeSpan SetupTimeout,
    int SendBufferBytes,
    int ReceiveBufferBytes,
    TimeSpan ReconnectBackoff,
    TimeSpan ReconnectBackoffMax)
{
    /// <summary>Responses larger than this are treated as a corrupt stream (Kafka's default max message is far below).</summary>
    public int MaxResponseBytes { get; init; } = 512 << 20;

    public static ConnectionSettings From(ClientOptions o) => new(
        o.ClientId, o.RequestTimeout, o.SocketConnectionSetupTimeout, o.SendBufferBytes, o.ReceiveBufferBytes,
        o.ReconnectBackoff, o.ReconnectBackoffMax);
}
