using System.Globalization;
using Pipeline.SchemaRegistry.Schemas;

namespace Pipeline.SchemaRegistry;

/// <summary>
/// The registry's settings, read from Confluent's keys (<see cref="FromProperties"/>). Immutable:
/// change a copy with <c>with</c>. Where this differs from Confluent's default it says why.
/// </summary>
public sealed record SchemaRegistryOptions
{
    public static SchemaRegistryOptions Default { get; } = new();

    /// <summary>listeners: where the REST API listens. Confluent binds 0.0.0.0; we bind loopback unless told otherwise.</summary>
    public IReadOnlyList<Uri> Listeners { get; init; } = [new Uri("http://127.0.0.1:8081")];

    /// <summary>host.name: the host other instances reach this one at (advertised in the election). Null: the first listener's host, or the machine name for a wildcard listener.</summary>
    public string? HostName { get; init; }

    /// <summary>kafkastore.bootstrap.servers, without PLAINTEXT:// prefixes.</summary>
    public string BootstrapServers { get; init; } = "";

    /// <summary>kafkastore.topic.</summary>
    public string Topic { get; init; } = "_schemas";

    /// <summary>kafkastore.topic.replication.factor: the topic gets min(this, live brokers).</summary>
    public int TopicReplicationFactor { get; init; } = 3;

    /// <summary>kafkastore.timeout.ms: how long a write waits for the broker and for the reader. Confluent: 500 ms; 5 s here, because our broker acknowledges after a group-commit fsync that a loaded 2-core machine can delay.</summary>
    public TimeSpan StoreTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>kafkastore.init.timeout.ms: topic creation and the first catch-up at start.</summary>
    public TimeSpan InitTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>schema.registry.group.id: the election group.</summary>
    public string GroupId { get; init; } = "schema-registry";

    /// <summary>leader.eligibility (older: master.eligibility).</summary>
    public bool LeaderEligibility { get; init; } = true;

    /// <summary>schema.compatibility.level (older: avro.compatibility.level).</summary>
    public CompatibilityLevel CompatibilityLevel { get; init; } = CompatibilityLevel.Backward;

    /// <summary>mode.mutability: whether PUT/DELETE /mode are allowed.</summary>
    public bool ModeMutability { get; init; } = true;

    /// <summary>inter.instance.protocol: the scheme followers use to forward to the primary.</summary>
    public string InterInstanceProtocol { get; init; } = "http";

    /// <summary>leader.read.timeout.ms for forwarded requests.</summary>
    public TimeSpan LeaderReadTimeout { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>request.body.max.bytes (ours): larger request bodies are refused with 413 before they are read.</summary>
    public long MaxRequestBodyBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Election group timings (Kafka's group member settings under the registry's prefix).</summary>
    public TimeSpan GroupSessionTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan GroupHeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    public static SchemaRegistryOptions FromProperties(IReadOnlyDictionary<string, string> properties)
    {
        string? Get(string key) => properties.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

        var options = Default;
        if (Get("listeners") is { } listeners)
        {
            options = options with { Listeners = listeners.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParseListener).ToArray() };
        }

        var bootstrap = Get("kafkastore.bootstrap.servers")
            ?? throw new SchemaRegistryConfigException("kafkastore.bootstrap.servers is required (e.g. kafkastore.bootstrap.servers=PLAINTEXT://127.0.0.1:9092)");
        options = options with
        {
            BootstrapServers = string.Join(",", bootstrap.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(StripScheme)),
            HostName = Get("host.name"),
            Topic = Get("kafkastore.topic") ?? options.Topic,
            TopicReplicationFactor = Int(properties, "kafkastore.topic.replication.factor", options.TopicReplicationFactor, min: 1),
            StoreTimeout = TimeSpan.FromMilliseconds(Int(properties, "kafkastore.timeout.ms", (int)options.StoreTimeout.TotalMilliseconds, min: 1)),
            InitTimeout = TimeSpan.FromMilliseconds(Int(properties, "kafkastore.init.timeout.ms", (int)options.InitTimeout.TotalMilliseconds, min: 1)),
            GroupId = Get("schema.registry.group.id") ?? options.GroupId,
            LeaderEligibility = Bool(Get("leader.eligibility") ?? Get("master.eligibility"), "leader.eligibility", options.LeaderEligibility),
            ModeMutability = Bool(Get("mode.mutability"), "mode.mutability", options.ModeMutability),
            InterInstanceProtocol = (Get("inter.instance.protocol") ?? options.InterInstanceProtocol).ToLowerInvariant(),
            LeaderReadTimeout = TimeSpan.FromMilliseconds(Int(properties, "leader.read.timeout.ms", (int)options.LeaderReadTimeout.TotalMilliseconds, min: 1)),
            MaxRequestBodyBytes = Int(properties, "request.body.max.bytes", (int)options.MaxRequestBodyBytes, min: 1024),
        };

        if ((Get("schema.compatibility.level") ?? Get("avro.compatibility.level")) is { } level)
        {
            if (!CompatibilityLevels.TryParse(level, out var parsed))
            {
                throw new SchemaRegistryConfigException($"schema.compatibility.level '{level}' is not one of none, backward, backward_transitive, forward, forward_transitive, full, full_transitive");
            }

            options = options with { CompatibilityLevel = parsed };
        }

        return options;
    }

    /// <summary>The host advertised to other instances.</summary>
    public string AdvertisedHost()
    {
        if (HostName is not null)
        {
            return HostName;
        }

        var host = Listeners[0].Host;
        return host is "0.0.0.0" or "::" or "[::]" or "" ? System.Net.Dns.GetHostName() : host;
    }

    private static Uri ParseListener(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new SchemaRegistryConfigException($"listeners: '{text}' is not an http:// or https:// URL (e.g. listeners=http://127.0.0.1:8081)");
        }

        return uri;
    }

    private static string StripScheme(string server)
    {
        var i = server.IndexOf("://", StringComparison.Ordinal);
        return i < 0 ? server : server[(i + 3)..];
    }

    private static int Int(IReadOnlyDictionary<string, string> properties, string key, int fallback, int min)
    {
        if (!properties.TryGetValue(key, out var text) || string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (!int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min)
        {
            throw new SchemaRegistryConfigException($"{key} must be an integer of at least {min}, not '{text}'");
        }

        return value;
    }

    private static bool Bool(string? text, string key, bool fallback) => text?.ToLowerInvariant() switch
    {
        null => fallback,
        "true" => true,
        "false" => false,
        _ => throw new SchemaRegistryConfigException($"{key} must be true or false, not '{text}'"),
    };
}
