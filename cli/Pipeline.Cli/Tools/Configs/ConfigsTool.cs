using System.Globalization;
using Pipeline.Cli.Tools.Output;
using Pipeline.Client.Admin;

namespace Pipeline.Cli.Tools.Configs;

/// <summary><c>pipeline configs describe|alter</c> (kafka-configs) over DescribeConfigs and IncrementalAlterConfigs.</summary>
internal sealed class ConfigsTool
{
    private readonly IAdminClient _admin;
    private readonly ToolConsole _console;
    private readonly OutputFormat _format;

    public ConfigsTool(IAdminClient admin, ToolConsole console, OutputFormat format)
    {
        _admin = admin;
        _console = console;
        _format = format;
    }

    /// <summary>The entity types, as kafka-configs names them, with singular forms accepted.</summary>
    public static ConfigResourceType ParseEntityType(string text) => text.Trim().ToLowerInvariant() switch
    {
        "topics" or "topic" => ConfigResourceType.Topic,
        "brokers" or "broker" => ConfigResourceType.Broker,
        "broker-loggers" or "broker-logger" => ConfigResourceType.BrokerLogger,
        "groups" or "group" => ConfigResourceType.Group,
        _ => throw ToolException.Usage($"--entity-type {text}: expected topics, brokers, broker-loggers or groups"),
    };

    public static string EntityTypeName(ConfigResourceType type) => type switch
    {
        ConfigResourceType.Topic => "topics",
        ConfigResourceType.Broker => "brokers",
        ConfigResourceType.BrokerLogger => "broker-loggers",
        ConfigResourceType.Group => "groups",
        _ => type.ToString().ToLowerInvariant(),
    };

    /// <summary>Describes the named resources, or every topic / broker when <paramref name="names"/> is empty.</summary>
    public async Task<int> DescribeAsync(ConfigResourceType type, IReadOnlyList<string> names, bool all, CancellationToken ct)
    {
        var targets = names.Count > 0 ? names : await AllNamesAsync(type, ct).ConfigureAwait(false);
        IReadOnlyList<DescribeConfigsReport> reports;
        try
        {
            reports = targets.Count == 0 ? [] : await _admin.DescribeConfigsAsync(targets.Select(n => new ConfigResource(type, n)), cancellationToken: ct).ConfigureAwait(false);
        }
        catch (AdminOperationException<DescribeConfigsReport> e)
        {
            reports = e.Results;
        }

        var failed = 0;
        var views = new List<ConfigResourceView>();
        foreach (var r in reports)
        {
            if (r.Error.IsError)
            {
                failed++;
                await _console.Error.WriteLineAsync($"pipeline configs: cannot describe {EntityTypeName(type)[..^1]} {r.Resource.Name}: {ToolRunner.Describe(r.Error)}").ConfigureAwait(false);
                continue;
            }

            views.Add(new ConfigResourceView(EntityTypeName(type), r.Resource.Name, [.. r.Entries
                .Where(e => all || IsDynamic(e.Source))
                .OrderBy(e => e.Name, StringComparer.Ordinal)
                .Select(e => new ConfigEntryView(e.Name, e.IsSensitive ? null : e.Value, SourceName(e.Source), e.IsDefault, e.IsReadOnly, e.IsSensitive))]));
        }

        if (_format == OutputFormat.Json)
        {
            JsonOutput.Write(_console.Out, views);
        }
        else
        {
            WriteTables(views, all);
        }

        return failed > 0 ? ExitCodes.Error : ExitCodes.Ok;
    }

    public async Task<int> AlterAsync(ConfigResourceType type, string name, IReadOnlyList<KeyValuePair<string, string>> set, IReadOnlyList<string> delete, CancellationToken ct)
    {
        if (set.Count == 0 && delete.Count == 0)
        {
            throw ToolException.Usage("nothing to alter: pass --add-config key=value[,key=value] or --delete-config key[,key]");
        }

        var alterations = set.Select(kv => new ConfigAlteration(kv.Key, kv.Value))
            .Concat(delete.Select(k => new ConfigAlteration(k, null, AlterConfigOpType.Delete))).ToList();
        var resource = new ConfigResource(type, name);
        try
        {
            await _admin.IncrementalAlterConfigsAsync(new Dictionary<ConfigResource, IReadOnlyList<ConfigAlteration>> { [resource] = alterations }, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (AdminOperationException<ConfigResourceReport> e)
        {
            var error = ToolRunner.Describe(e.Results[0].Error);
            if (_format == OutputFormat.Json)
            {
                JsonOutput.Write(_console.Out, new ConfigAlterOutcome(EntityTypeName(type), name, "failed", error));
            }

            throw new ToolException($"cannot alter {EntityTypeName(type)[..^1]} {name}: {error}");
        }

        if (_format == OutputFormat.Json)
        {
            JsonOutput.Write(_console.Out, new ConfigAlterOutcome(EntityTypeName(type), name, "altered", null));
        }
        else
        {
            await _console.Out.WriteLineAsync($"Completed updating config for {EntityTypeName(type)[..^1]} {name}.").ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }

    private static bool IsDynamic(ConfigSource source) =>
        source is ConfigSource.TopicConfig or ConfigSource.DynamicBrokerConfig or ConfigSource.DynamicDefaultBrokerConfig
            or ConfigSource.DynamicBrokerLoggerConfig or ConfigSource.ClientMetricsConfig or ConfigSource.GroupConfig;

    /// <summary>kafka-configs' names of the sources (DYNAMIC_TOPIC_CONFIG, DEFAULT_CONFIG, ...).</summary>
    private static string SourceName(ConfigSource source) => source switch
    {
        ConfigSource.TopicConfig => "DYNAMIC_TOPIC_CONFIG",
        ConfigSource.DynamicBrokerConfig => "DYNAMIC_BROKER_CONFIG",
        ConfigSource.DynamicDefaultBrokerConfig => "DYNAMIC_DEFAULT_BROKER_CONFIG",
        ConfigSource.StaticBrokerConfig => "STATIC_BROKER_CONFIG",
        ConfigSource.DefaultConfig => "DEFAULT_CONFIG",
        ConfigSource.DynamicBrokerLoggerConfig => "DYNAMIC_BROKER_LOGGER_CONFIG",
        ConfigSource.ClientMetricsConfig => "CLIENT_METRICS_CONFIG",
        ConfigSource.GroupConfig => "GROUP_CONFIG",
        _ => "UNKNOWN",
    };

    private async Task<IReadOnlyList<string>> AllNamesAsync(ConfigResourceType type, CancellationToken ct)
    {
        switch (type)
        {
            case ConfigResourceType.Topic:
                return [.. (await _admin.ListTopicsAsync(cancellationToken: ct).ConfigureAwait(false)).Select(t => t.Name)];
            case ConfigResourceType.Broker:
            case ConfigResourceType.BrokerLogger:
                return [.. (await _admin.DescribeClusterAsync(cancellationToken: ct).ConfigureAwait(false)).Nodes.Select(n => n.Id.ToString(CultureInfo.InvariantCulture))];
            default:
                throw ToolException.Usage($"which {EntityTypeName(type)[..^1]}? Pass --entity-name NAME");
        }
    }

    private void WriteTables(IReadOnlyList<ConfigResourceView> views, bool all)
    {
        var first = true;
        foreach (var v in views)
        {
            if (!first)
            {
                _console.Out.WriteLine();
            }

            first = false;
            var kind = v.EntityType[..^1];
            if (v.Configs.Count == 0)
            {
                _console.Out.WriteLine(all ? $"No configs for {kind} {v.EntityName}." : $"No dynamic configs for {kind} {v.EntityName} (--all shows every config).");
                continue;
            }

            _console.Out.WriteLine(all ? $"All configs for {kind} {v.EntityName}:" : $"Dynamic configs for {kind} {v.EntityName}:");
            var table = new TextTable("NAME", "VALUE", "SOURCE");
            foreach (var e in v.Configs)
            {
                table.Add(e.Name, e.Sensitive ? "[hidden]" : e.Value ?? "null", e.Source);
            }

            table.Write(_console.Out);
        }
    }
}
