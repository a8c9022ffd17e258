using Pipeline.Client.Admin;
using Pipeline.Client.Config;
using Pipeline.Protocol.Config;

namespace Pipeline.Cli.Tools.Connection;

/// <summary>
/// The client settings of one tool run, as Kafka's tools take them: <c>--bootstrap-server</c>,
/// a <c>--command-config</c> properties file and <c>-X key=value</c> pairs (kcat's flag). The
/// bootstrap address is, in order: the option, <c>bootstrap.servers</c> given with -X or in the
/// file, <c>$PIPELINE_BOOTSTRAP_SERVER</c>, then 127.0.0.1:9092 (where <c>pipeline up</c> listens).
/// </summary>
internal sealed class ClientSettings
{
    public const string EnvironmentVariable = "PIPELINE_BOOTSTRAP_SERVER";
    public const string DefaultBootstrapServers = "127.0.0.1:9092";

    private readonly Dictionary<string, string> _properties;

    public ClientSettings(string bootstrapServers, IReadOnlyDictionary<string, string> properties)
    {
        BootstrapServers = bootstrapServers;
        _properties = new Dictionary<string, string>(properties, StringComparer.Ordinal);
        _properties.Remove(ConfigNames.BootstrapServers);
    }

    public string BootstrapServers { get; }

    /// <summary>What the user set (file, then -X), without bootstrap.servers.</summary>
    public IReadOnlyDictionary<string, string> Properties => _properties;

    public static ClientSettings Resolve(string? bootstrapOption, FileInfo? commandConfig, IEnumerable<string>? settings, Func<string, string?>? environment = null)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        if (commandConfig is not null)
        {
            if (!commandConfig.Exists)
            {
                throw ToolException.Usage($"--command-config {commandConfig.FullName}: no such file");
            }

            foreach (var (k, v) in PropertiesFile.Load(commandConfig.FullName))
            {
                properties[k] = v;
            }
        }

        foreach (var s in settings ?? [])
        {
            var (key, value) = KeyValue.Parse(s, "-X", "-X linger.ms=10");
            properties[key] = value;
        }

        var env = (environment ?? Environment.GetEnvironmentVariable)(EnvironmentVariable);
        var bootstrap = !string.IsNullOrWhiteSpace(bootstrapOption) ? bootstrapOption.Trim()
            : properties.TryGetValue(ConfigNames.BootstrapServers, out var fromConfig) && !string.IsNullOrWhiteSpace(fromConfig) ? fromConfig.Trim()
            : !string.IsNullOrWhiteSpace(env) ? env.Trim()
            : DefaultBootstrapServers;
        return new ClientSettings(bootstrap, properties);
    }

    /// <summary>A client config: the tool's own defaults, overridden by the user's settings, plus bootstrap.servers.</summary>
    public Dictionary<string, string> Build(IReadOnlyDictionary<string, string>? toolDefaults = null)
    {
        var config = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in toolDefaults ?? new Dictionary<string, string>())
        {
            config[k] = v;
        }

        foreach (var (k, v) in _properties)
        {
            config[k] = v;
        }

        config[ConfigNames.BootstrapServers] = BootstrapServers;
        return config;
    }

    /// <summary>An admin client after checking that the broker answers (so that a wrong address fails in seconds with a hint, not after the API timeout).</summary>
    public async Task<AdminClient> ConnectAdminAsync(CancellationToken cancellationToken)
    {
        await BrokerProbe.EnsureReachableAsync(BootstrapServers, cancellationToken).ConfigureAwait(false);
        return new AdminClient(Build(new Dictionary<string, string>
        {
            [ConfigNames.ClientId] = "pipeline-tools",
            [ConfigNames.DefaultApiTimeoutMs] = "30000",
        }));
    }
}
