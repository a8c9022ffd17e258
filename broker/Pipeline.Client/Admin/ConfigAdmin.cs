using System.Globalization;
using Pipeline.Client.Network;
using Pipeline.Protocol.Messages;

namespace Pipeline.Client.Admin;

/// <summary>
/// DescribeConfigs, AlterConfigs and IncrementalAlterConfigs. A broker (or broker logger)
/// resource goes to that broker, as Kafka requires; everything else to any broker.
/// </summary>
internal sealed class ConfigAdmin
{
    private readonly AdminContext _ctx;

    public ConfigAdmin(AdminContext ctx) => _ctx = ctx;

    public async Task<IReadOnlyList<DescribeConfigsReport>> DescribeConfigsAsync(IReadOnlyList<ConfigResource> resources, AdminCallOptions? options, CancellationToken cancellationToken)
    {
        using var deadline = _ctx.Deadline(options, cancellationToken);
        var results = await _ctx.RunAsync("DescribeConfigs", resources, deadline, pending => PerDestinationAsync(pending, deadline, async (connection, group) =>
        {
            var version = connection.Versions.Require(ApiKey.DescribeConfigs);
            var request = new DescribeConfigsRequest
            {
                IncludeSynonyms = options?.IncludeSynonyms ?? false,
                IncludeDocumentation = options?.IncludeDocumentation ?? false,
            };
            foreach (var r in group)
            {
                request.Resources.Add(new DescribeConfigsRequest.DescribeConfigsResource { ResourceType = (sbyte)r.Type, ResourceName = r.Name, ConfigurationKeys = null });
            }

            var response = await connection.SendAsync<DescribeConfigsResponse>(request, version, cancellationToken: deadline.Token).ConfigureAwait(false);
            return response.Results.Select(r => KeyValuePair.Create(
                new ConfigResource((ConfigResourceType)r.ResourceType, r.ResourceName),
                new DescribeConfigsReport(new ConfigResource((ConfigResourceType)r.ResourceType, r.ResourceName), KafkaError.From(r.ErrorCode, r.ErrorMessage),
                    [.. r.Configs.Select(c => ToEntry(c, version))])));
        }), (resource, error) => new DescribeConfigsReport(resource, error, [])).ConfigureAwait(false);
        return AdminContext.Ordered("DescribeConfigs", resources, results);
    }

    public async Task<IReadOnlyList<ConfigResourceReport>> AlterConfigsAsync(IReadOnlyDictionary<ConfigResource, IReadOnlyDictionary<string, string?>> configs, AdminCallOptions? options, CancellationToken cancellationToken)
    {
        using var deadline = _ctx.Deadline(options, cancellationToken);
        var results = await _ctx.RunAsync("AlterConfigs", configs.Keys, deadline, pending => PerDestinationAsync(pending, deadline, async (connection, group) =>
        {
            var version = connection.Versions.Require(ApiKey.AlterConfigs);
            var request = new AlterConfigsRequest { ValidateOnly = options?.ValidateOnly ?? false };
            foreach (var r in group)
            {
                var resource = new AlterConfigsRequest.AlterConfigsResource { ResourceType = (sbyte)r.Type, ResourceName = r.Name };
                foreach (var (name, value) in configs[r])
                {
                    resource.Configs.Add(new AlterConfigsRequest.AlterableConfig { Name = name, Value = value });
                }

                request.Resources.Add(resource);
            }

            var response = await connection.SendAsync<AlterConfigsResponse>(request, version, cancellationToken: deadline.Token).ConfigureAwait(false);
            return response.Responses.Select(r => Report(r.ResourceType, r.ResourceName, r.ErrorCode, r.ErrorMessage));
        }), (resource, error) => new ConfigResourceReport(resource, error)).ConfigureAwait(false);
        return AdminContext.Ordered("AlterConfigs", configs.Keys, results);
    }

    public async Task<IReadOnlyList<ConfigResourceReport>> IncrementalAlterConfigsAsync(IReadOnlyDictionary<ConfigResource, IReadOnlyList<ConfigAlteration>> alterations, AdminCallOptions? options, CancellationToken cancellationToken)
    {
        using var deadline = _ctx.Deadline(options, cancellationToken);
        var results = await _ctx.RunAsync("IncrementalAlterConfigs", alterations.Keys, deadline, pending => PerDestinationAsync(pending, deadline, async (connection, group) =>
        {
            var version = connection.Versions.Require(ApiKey.IncrementalAlterConfigs);
            var request = new IncrementalAlterConfigsRequest { ValidateOnly = options?.ValidateOnly ?? false };
            foreach (var r in group)
            {
                var resource = new IncrementalAlterConfigsRequest.AlterConfigsResource { ResourceType = (sbyte)r.Type, ResourceName = r.Name };
                foreach (var a in alterations[r])
                {
                    resource.Configs.Add(new IncrementalAlterConfigsRequest.AlterableConfig { Name = a.Name, ConfigOperation = (sbyte)a.Operation, Value = a.Value });
                }

                request.Resources.Add(resource);
            }

            var response = await connection.SendAsync<IncrementalAlterConfigsResponse>(request, version, cancellationToken: deadline.Token).ConfigureAwait(false);
            return response.Responses.Select(r => Report(r.ResourceType, r.ResourceName, r.ErrorCode, r.ErrorMessage));
        }), (resource, error) => new ConfigResourceReport(resource, error)).ConfigureAwait(false);
        return AdminContext.Ordered("IncrementalAlterConfigs", alterations.Keys, results);
    }

    /// <summary>Sends each group of resources to its broker (concurrently) and merges the answers.</summary>
    private async Task<IEnumerable<KeyValuePair<ConfigResource, TResult>>> PerDestinationAsync<TResult>(
        IReadOnlyList<ConfigResource> pending, AdminDeadline deadline,
        Func<KafkaConnection, List<ConfigResource>, Task<IEnumerable<KeyValuePair<ConfigResource, TResult>>>> send)
    {
        var groups = pending.GroupBy(Destination).ToList();
        var tasks = groups.Select(async g =>
        {
            var connection = g.Key >= 0 ? await _ctx.NodeAsync(g.Key, deadline).ConfigureAwait(false) : await _ctx.AnyAsync(deadline).ConfigureAwait(false);
            return await send(connection, [.. g]).ConfigureAwait(false);
        });
        var all = await Task.WhenAll(tasks).ConfigureAwait(false);
        return all.SelectMany(x => x);
    }

    private static int Destination(ConfigResource r) =>
        r.Type is ConfigResourceType.Broker or ConfigResourceType.BrokerLogger && int.TryParse(r.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1;

    private static KeyValuePair<ConfigResource, ConfigResourceReport> Report(sbyte type, string name, short code, string? message)
    {
        var resource = new ConfigResource((ConfigResourceType)type, name);
        return KeyValuePair.Create(resource, new ConfigResourceReport(resource, KafkaError.From(code, message)));
    }

    private static ConfigEntry ToEntry(DescribeConfigsResponse.DescribeConfigsResourceResult c, short version)
    {
        var source = version >= 1 ? (ConfigSource)c.ConfigSource : c.IsDefault ? ConfigSource.DefaultConfig : ConfigSource.Unknown;
        return new ConfigEntry(
            c.Name,
            c.Value,
            source,
            version >= 1 ? source == ConfigSource.DefaultConfig : c.IsDefault,
            c.ReadOnly,
            c.IsSensitive,
            [.. c.Synonyms.Select(s => new ConfigSynonym(s.Name, s.Value, (ConfigSource)s.Source))],
            (ConfigEntryType)c.ConfigType,
            string.IsNullOrEmpty(c.Documentation) ? null : c.Documentation);
    }
}
