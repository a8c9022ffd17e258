using System.Globalization;

namespace Pipeline.Connect.Runtime.Rest;

/// <summary>
/// The REST settings of a worker, from the worker config's keys: <c>listeners</c> (default
/// <c>http://:8083</c>), <c>rest.advertised.host.name</c>, <c>rest.advertised.port</c>,
/// <c>rest.advertised.listener</c>, <c>admin.listeners</c> (empty disables <c>/admin</c>),
/// <c>topic.tracking.enable</c> and <c>topic.tracking.allow.reset</c>.
/// </summary>
public sealed record ConnectRestOptions
{
    public const string DefaultListeners = "http://:8083";

    public IReadOnlyList<RestListener> Listeners { get; init; } = [RestListener.Parse(DefaultListeners)];

    /// <summary>The host other workers and the worker id use; null = the listener's host, or this machine's name when that is empty.</summary>
    public string? AdvertisedHostName { get; init; }

    /// <summary>The advertised port; null = the (bound) port of the advertised listener.</summary>
    public int? AdvertisedPort { get; init; }

    /// <summary>The scheme of the listener to advertise (http); null = the first listener.</summary>
    public string? AdvertisedListener { get; init; }

    /// <summary>Whether <c>/admin/loggers</c> is served (false when <c>admin.listeners</c> is set empty).</summary>
    public bool AdminEnabled { get; init; } = true;

    public bool TopicTrackingEnabled { get; init; } = true;

    public bool TopicTrackingAllowReset { get; init; } = true;

    /// <summary>How long a request may wait for the herder before it is answered 500 (Kafka: 90 s).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>The largest request body accepted (413 above).</summary>
    public long MaxRequestBodyBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Reads the REST keys of a worker config; unknown keys are ignored (they belong to the worker).</summary>
    public static ConnectRestOptions FromProperties(IReadOnlyDictionary<string, string> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var options = new ConnectRestOptions();
        if (properties.TryGetValue("listeners", out var listeners) && !string.IsNullOrWhiteSpace(listeners))
        {
            options = options with { Listeners = ParseListeners(listeners, "listeners") };
        }

        if (properties.TryGetValue("rest.advertised.host.name", out var host) && !string.IsNullOrWhiteSpace(host))
        {
            options = options with { AdvertisedHostName = host.Trim() };
        }

        if (properties.TryGetValue("rest.advertised.port", out var port) && !string.IsNullOrWhiteSpace(port))
        {
            if (!int.TryParse(port.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p > 65535)
            {
                throw new FormatException($"rest.advertised.port: '{port}' is not a port number");
            }

            options = options with { AdvertisedPort = p };
        }

        if (properties.TryGetValue("rest.advertised.listener", out var listener) && !string.IsNullOrWhiteSpace(listener))
        {
            options = options with { AdvertisedListener = listener.Trim().ToLowerInvariant() };
        }

        if (properties.TryGetValue("admin.listeners", out var admin) && admin is not null && admin.Trim().Length == 0)
        {
            options = options with { AdminEnabled = false };
        }

        options = options with
        {
            TopicTrackingEnabled = Bool(properties, "topic.tracking.enable", true),
            TopicTrackingAllowReset = Bool(properties, "topic.tracking.allow.reset", true),
        };
        foreach (var l in options.Listeners)
        {
            if (l.Scheme != "http")
            {
                throw new FormatException($"listeners: {l} uses {l.Scheme}; only http listeners are supported");
            }
        }

        return options;
    }

    private static RestListener[] ParseListeners(string value, string key)
    {
        var parts = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            throw new FormatException($"{key}: no listener given");
        }

        return Array.ConvertAll(parts, RestListener.Parse);
    }

    private static bool Bool(IReadOnlyDictionary<string, string> properties, string key, bool defaultValue)
    {
        if (!properties.TryGetValue(key, out var value) || string.IsNullOrWhiteSpace(value))
        {
            return defaultValue;
        }

        return bool.TryParse(value.Trim(), out var b) ? b : throw new FormatException($"{key}: '{value}' is not true or false");
    }
}
