using System.Globalization;
using Pipeline.Client.Network;

namespace Pipeline.Client.Config;

/// <summary>
/// Settings every client kind shares, with Kafka's names and defaults (CommonClientConfigs).
/// Immutable: derive a changed copy with <c>with</c>. Durations are <see cref="TimeSpan"/>s here
/// and milliseconds in the Kafka properties form (<c>*.ms</c>).
/// </summary>
public abstract record ClientOptions
{
    /// <summary>bootstrap.servers: "host:port,host:port"; every address is tried until one answers.</summary>
    public string BootstrapServers { get; init; } = "";

    /// <summary>client.id, sent in every request header.</summary>
    public string ClientId { get; init; } = "";

    /// <summary>request.timeout.ms: how long a request waits for its response before the connection is dropped.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>metadata.max.age.ms: metadata is refreshed at least this often.</summary>
    public TimeSpan MetadataMaxAge { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>retry.backoff.ms: the first wait before retrying a failed request (doubles up to <see cref="RetryBackoffMax"/>).</summary>
    public TimeSpan RetryBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>retry.backoff.max.ms (KIP-580).</summary>
    public TimeSpan RetryBackoffMax { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>reconnect.backoff.ms: the first wait before reconnecting to a node that failed.</summary>
    public TimeSpan ReconnectBackoff { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>reconnect.backoff.max.ms.</summary>
    public TimeSpan ReconnectBackoffMax { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>socket.connection.setup.timeout.ms: TCP connect plus the ApiVersions handshake.</summary>
    public TimeSpan SocketConnectionSetupTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>send.buffer.bytes (SO_SNDBUF); -1 leaves the OS default.</summary>
    public int SendBufferBytes { get; init; } = 128 * 1024;

    /// <summary>receive.buffer.bytes (SO_RCVBUF); -1 leaves the OS default.</summary>
    public int ReceiveBufferBytes { get; init; } = 32 * 1024;

    internal IReadOnlyList<BrokerAddress> BootstrapAddresses => BrokerAddress.ParseList(BootstrapServers);

    internal static ConfigDef DefineCommon(ConfigDef def, int requestTimeoutMs) => def
        .Define(ConfigNames.BootstrapServers, ConfigValueType.List, null, "host:port pairs used to find the cluster.")
        .Define(ConfigNames.ClientId, ConfigValueType.String, "", "An id sent with every request, for the broker's logs and quotas.")
        .Define(ConfigNames.RequestTimeoutMs, ConfigValueType.Int, Ms(requestTimeoutMs), "Maximum wait for a response.", ConfigValidators.AtLeast(0))
        .Define(ConfigNames.MetadataMaxAgeMs, ConfigValueType.Long, "300000", "Period of forced metadata refreshes.", ConfigValidators.AtLeast(0))
        .Define(ConfigNames.RetryBackoffMs, ConfigValueType.Long, "100", "Initial wait before retrying a failed request.", ConfigValidators.AtLeast(0))
        .Define(ConfigNames.RetryBackoffMaxMs, ConfigValueType.Long, "1000", "Maximum wait between retries.", ConfigValidators.AtLeast(0))
        .Define(ConfigNames.ReconnectBackoffMs, ConfigValueType.Long, "50", "Initial wait before reconnecting to a node.", ConfigValidators.AtLeast(0))
        .Define(ConfigNames.ReconnectBackoffMaxMs, ConfigValueType.Long, "1000", "Maximum wait before reconnecting.", ConfigValidators.AtLeast(0))
        .Define(ConfigNames.SocketConnectionSetupTimeoutMs, ConfigValueType.Long, "10000", "Time allowed to connect and negotiate versions.", ConfigValidators.AtLeast(0))
        .Define(ConfigNames.SendBufferBytes, ConfigValueType.Int, "131072", "SO_SNDBUF; -1 for the OS default.", ConfigValidators.AtLeast(-1))
        .Define(ConfigNames.ReceiveBufferBytes, ConfigValueType.Int, "32768", "SO_RCVBUF; -1 for the OS default.", ConfigValidators.AtLeast(-1));

    /// <summary>Copies the shared settings of <paramref name="c"/> into <paramref name="options"/> (a derived record).</summary>
    internal static T ApplyCommon<T>(T options, ParsedConfig c)
        where T : ClientOptions
    {
        ClientOptions changed = options with
        {
            BootstrapServers = string.Join(",", c.GetList(ConfigNames.BootstrapServers)),
            ClientId = c.GetString(ConfigNames.ClientId),
            RequestTimeout = c.GetMilliseconds(ConfigNames.RequestTimeoutMs),
            MetadataMaxAge = c.GetMilliseconds(ConfigNames.MetadataMaxAgeMs),
            RetryBackoff = c.GetMilliseconds(ConfigNames.RetryBackoffMs),
            RetryBackoffMax = c.GetMilliseconds(ConfigNames.RetryBackoffMaxMs),
            ReconnectBackoff = c.GetMilliseconds(ConfigNames.ReconnectBackoffMs),
            ReconnectBackoffMax = c.GetMilliseconds(ConfigNames.ReconnectBackoffMaxMs),
            SocketConnectionSetupTimeout = c.GetMilliseconds(ConfigNames.SocketConnectionSetupTimeoutMs),
            SendBufferBytes = c.GetInt(ConfigNames.SendBufferBytes),
            ReceiveBufferBytes = c.GetInt(ConfigNames.ReceiveBufferBytes),
        };
        return (T)changed;
    }

    /// <summary>The Kafka properties form of these settings (every key, defaults included).</summary>
    public virtual IReadOnlyDictionary<string, string> ToConfig()
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ConfigNames.BootstrapServers] = BootstrapServers,
            [ConfigNames.ClientId] = ClientId,
            [ConfigNames.RequestTimeoutMs] = Ms(RequestTimeout),
            [ConfigNames.MetadataMaxAgeMs] = Ms(MetadataMaxAge),
            [ConfigNames.RetryBackoffMs] = Ms(RetryBackoff),
            [ConfigNames.RetryBackoffMaxMs] = Ms(RetryBackoffMax),
            [ConfigNames.ReconnectBackoffMs] = Ms(ReconnectBackoff),
            [ConfigNames.ReconnectBackoffMaxMs] = Ms(ReconnectBackoffMax),
            [ConfigNames.SocketConnectionSetupTimeoutMs] = Ms(SocketConnectionSetupTimeout),
            [ConfigNames.SendBufferBytes] = Text(SendBufferBytes),
            [ConfigNames.ReceiveBufferBytes] = Text(ReceiveBufferBytes),
        };
        return d;
    }

    /// <summary>Checks what a typed record can get wrong; throws <see cref="KafkaConfigException"/>.</summary>
    public virtual void Validate()
    {
        if (BootstrapAddresses.Count == 0)
        {
            throw new KafkaConfigException(ConfigNames.BootstrapServers, BootstrapServers, "No resolvable bootstrap urls given in bootstrap.servers");
        }

        NonNegative(ConfigNames.RequestTimeoutMs, RequestTimeout);
        NonNegative(ConfigNames.RetryBackoffMs, RetryBackoff);
        NonNegative(ConfigNames.ReconnectBackoffMs, ReconnectBackoff);
    }

    protected static void NonNegative(string name, TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            throw new KafkaConfigException(name, Ms(value), "Value must be at least 0");
        }
    }

    protected static string Ms(TimeSpan value) => ((long)value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);

    protected static string Ms(int value) => value.ToString(CultureInfo.InvariantCulture);

    protected static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
