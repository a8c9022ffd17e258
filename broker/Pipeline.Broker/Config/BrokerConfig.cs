using System.Globalization;

namespace Pipeline.Broker.Config;

/// <summary>
/// The broker's static settings, read once at start from Kafka-style properties. Keys and defaults
/// are Kafka's (<see cref="BrokerConfigDef"/>); the raw properties are kept so that topic-level
/// defaults (<c>log.retention.hours</c>, ...) can be resolved by the storage layer.
/// </summary>
public sealed class BrokerConfig
{
    public BrokerConfig(IReadOnlyDictionary<string, string> properties)
    {
        Properties = properties;
        NodeId = GetInt("node.id", properties.TryGetValue("broker.id", out var legacy) ? legacy : null);
        if (NodeId < 0)
        {
            throw new BrokerConfigException("node.id", NodeId.ToString(CultureInfo.InvariantCulture), "must be 0 or more");
        }

        ProcessRoles = GetList("process.roles");
        Listeners = ListenerEndpoint.ParseList(Get("listeners"), "listeners");
        var advertised = Get("advertised.listeners");
        AdvertisedListeners = advertised is null ? [] : ListenerEndpoint.ParseList(advertised, "advertised.listeners");
        ControllerListenerNames = GetList("controller.listener.names").Select(n => n.ToUpperInvariant()).ToArray();
        Rack = Get("broker.rack");
        var dirs = Get("log.dirs") ?? Get("log.dir") ?? "./data";
        LogDirs = dirs.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => Path.GetFullPath(d)).ToArray();
        if (LogDirs.Count == 0)
        {
            throw new BrokerConfigException("log.dirs", dirs, "name at least one directory");
        }

        NumPartitions = GetInt("num.partitions");
        if (NumPartitions < 1)
        {
            throw new BrokerConfigException("num.partitions", NumPartitions.ToString(CultureInfo.InvariantCulture), "must be at least 1");
        }

        DefaultReplicationFactor = (short)GetInt("default.replication.factor");
        AutoCreateTopicsEnable = GetBool("auto.create.topics.enable");
        DeleteTopicEnable = GetBool("delete.topic.enable");
        SocketRequestMaxBytes = GetInt("socket.request.max.bytes");
        SocketSendBufferBytes = GetInt("socket.send.buffer.bytes");
        SocketReceiveBufferBytes = GetInt("socket.receive.buffer.bytes");
        ConnectionsMaxIdleMs = GetLong("connections.max.idle.ms");
        QueuedMaxRequests = Math.Max(1, GetInt("queued.max.requests"));
        FetchMaxBytes = GetInt("fetch.max.bytes");

        var kafkaListeners = Listeners.Where(l => !ControllerListenerNames.Contains(l.Name)).ToArray();
        if (ProcessRoles.Contains("broker") && kafkaListeners.Length == 0)
        {
            throw new BrokerConfigException("listeners", Get("listeners"), "a broker needs at least one listener that is not a controller listener, e.g. PLAINTEXT://:9092");
        }
    }

    public IReadOnlyDictionary<string, string> Properties { get; }

    public int NodeId { get; }

    public IReadOnlyList<string> ProcessRoles { get; }

    public IReadOnlyList<ListenerEndpoint> Listeners { get; }

    public IReadOnlyList<ListenerEndpoint> AdvertisedListeners { get; }

    public IReadOnlyList<string> ControllerListenerNames { get; }

    public string? Rack { get; }

    public IReadOnlyList<string> LogDirs { get; }

    public int NumPartitions { get; }

    public short DefaultReplicationFactor { get; }

    public bool AutoCreateTopicsEnable { get; }

    public bool DeleteTopicEnable { get; }

    public int SocketRequestMaxBytes { get; }

    public int SocketSendBufferBytes { get; }

    public int SocketReceiveBufferBytes { get; }

    public long ConnectionsMaxIdleMs { get; }

    public int QueuedMaxRequests { get; }

    public int FetchMaxBytes { get; }

    /// <summary>The effective value of a key: the configured one, else Kafka's default (null when none).</summary>
    public string? Get(string key) =>
        Properties.TryGetValue(key, out var v) ? v : BrokerConfigDef.TryGet(key, out var def) ? def.Default : null;

    public int GetInt(string key, string? fallback = null)
    {
        var text = Properties.TryGetValue(key, out var v) ? v : fallback ?? Get(key);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new BrokerConfigException(key, text, "expected a 32-bit integer");
    }

    public long GetLong(string key)
    {
        var text = Get(key);
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new BrokerConfigException(key, text, "expected a 64-bit integer");
    }

    public bool GetBool(string key)
    {
        var text = Get(key);
        return bool.TryParse(text, out var b) ? b : throw new BrokerConfigException(key, text, "expected true or false");
    }

    public IReadOnlyList<string> GetList(string key) =>
        (Get(key) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
