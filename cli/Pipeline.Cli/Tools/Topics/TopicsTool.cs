using Pipeline.Cli.Tools.Output;
using Pipeline.Client;
using Pipeline.Client.Admin;
using Pipeline.Protocol;

namespace Pipeline.Cli.Tools.Topics;

/// <summary>
/// <c>pipeline topics create|list|describe|delete|alter</c> (kafka-topics.sh) over the admin
/// client. Results go to stdout (sentences or tables, or JSON); failures of single topics go to
/// stderr and make the exit code 1 while the other topics still get done.
/// </summary>
internal sealed class TopicsTool
{
    private readonly IAdminClient _admin;
    private readonly ToolConsole _console;
    private readonly OutputFormat _format;

    public TopicsTool(IAdminClient admin, ToolConsole console, OutputFormat format)
    {
        _admin = admin;
        _console = console;
        _format = format;
    }

    public async Task<int> CreateAsync(IReadOnlyList<string> topics, int partitions, short replicationFactor, IReadOnlyDictionary<string, string> configs, bool ifNotExists, CancellationToken ct)
    {
        var specs = topics.Select(t => new TopicSpecification
        {
            Name = t,
            NumPartitions = partitions,
            ReplicationFactor = replicationFactor,
            Configs = configs.Count > 0 ? configs : null,
        }).ToList();
        IReadOnlyList<CreateTopicReport> reports;
        try
        {
            reports = await _admin.CreateTopicsAsync(specs, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (AdminOperationException<CreateTopicReport> e)
        {
            reports = e.Results;
        }

        return Report("create", reports.Select(r => r.Error.Code switch
        {
            ErrorCode.None => new TopicOutcome(r.Topic, "created"),
            ErrorCode.TopicAlreadyExists when ifNotExists => new TopicOutcome(r.Topic, "exists"),
            _ => new TopicOutcome(r.Topic, "failed", ToolRunner.Describe(r.Error)),
        }));
    }

    public async Task<int> DeleteAsync(IReadOnlyList<string> topics, bool ifExists, CancellationToken ct)
    {
        IReadOnlyList<TopicReport> reports;
        try
        {
            reports = await _admin.DeleteTopicsAsync(topics, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (AdminOperationException<TopicReport> e)
        {
            reports = e.Results;
        }

        return Report("delete", reports.Select(r => r.Error.Code switch
        {
            ErrorCode.None => new TopicOutcome(r.Topic, "deleted"),
            ErrorCode.UnknownTopicOrPartition or ErrorCode.UnknownTopicId when ifExists => new TopicOutcome(r.Topic, "absent"),
            _ => new TopicOutcome(r.Topic, "failed", ToolRunner.Describe(r.Error)),
        }));
    }

    public async Task<int> AlterAsync(string topic, int? partitions, IReadOnlyDictionary<string, string> set, IReadOnlyList<string> delete, CancellationToken ct)
    {
        if (partitions is null && set.Count == 0 && delete.Count == 0)
        {
            throw ToolException.Usage("nothing to alter: pass --partitions N, --config key=value or --delete-config key");
        }

        var error = KafkaError.None;
        if (partitions is { } n)
        {
            try
            {
                await _admin.CreatePartitionsAsync([new PartitionsSpecification(topic, n)], cancellationToken: ct).ConfigureAwait(false);
            }
            catch (AdminOperationException<TopicReport> e)
            {
                error = e.Results[0].Error;
            }
        }

        if (!error.IsError && (set.Count > 0 || delete.Count > 0))
        {
            var alterations = set.Select(kv => new ConfigAlteration(kv.Key, kv.Value))
                .Concat(delete.Select(k => new ConfigAlteration(k, null, AlterConfigOpType.Delete))).ToList();
            try
            {
                await _admin.IncrementalAlterConfigsAsync(
                    new Dictionary<ConfigResource, IReadOnlyList<ConfigAlteration>> { [ConfigResource.Topic(topic)] = alterations },
                    cancellationToken: ct).ConfigureAwait(false);
            }
            catch (AdminOperationException<ConfigResourceReport> e)
            {
                error = e.Results[0].Error;
            }
        }

        return Report("alter", [error.IsError ? new TopicOutcome(topic, "failed", ToolRunner.Describe(error)) : new TopicOutcome(topic, "altered")]);
    }

    public async Task<int> ListAsync(bool includeInternal, CancellationToken ct)
    {
        var listings = await _admin.ListTopicsAsync(new AdminCallOptions { ListInternal = includeInternal }, ct).ConfigureAwait(false);
        var descriptions = listings.Count == 0 ? [] : await DescribeAllAsync(listings.Select(l => l.Name).ToList(), ct).ConfigureAwait(false);
        var byName = descriptions.Where(d => !d.Error.IsError).ToDictionary(d => d.Name);
        var rows = listings.Select(l => byName.TryGetValue(l.Name, out var d)
            ? new TopicSummary(l.Name, l.TopicId.ToString(), d.Partitions.Count, ReplicationFactor(d), l.IsInternal)
            : new TopicSummary(l.Name, l.TopicId.ToString(), -1, -1, l.IsInternal)).ToList();
        if (_format == OutputFormat.Json)
        {
            JsonOutput.Write(_console.Out, rows);
            return ExitCodes.Ok;
        }

        var table = new TextTable("TOPIC", "PARTITIONS", "REPLICATION-FACTOR", "INTERNAL");
        foreach (var r in rows)
        {
            table.Add(r.Name, r.Partitions < 0 ? null : r.Partitions, r.ReplicationFactor < 0 ? null : r.ReplicationFactor, r.Internal ? "yes" : "no");
        }

        table.Write(_console.Out);
        return ExitCodes.Ok;
    }

    public async Task<int> DescribeAsync(IReadOnlyList<string> topics, bool includeInternal, CancellationToken ct)
    {
        var names = topics.Count > 0 ? topics
            : (await _admin.ListTopicsAsync(new AdminCallOptions { ListInternal = includeInternal }, ct).ConfigureAwait(false)).Select(l => l.Name).ToList();
        var descriptions = names.Count == 0 ? [] : await DescribeAllAsync(names, ct).ConfigureAwait(false);
        var failed = 0;
        foreach (var d in descriptions.Where(d => d.Error.IsError))
        {
            failed++;
            await _console.Error.WriteLineAsync($"pipeline topics: cannot describe {d.Name}: {ToolRunner.Describe(d.Error)}").ConfigureAwait(false);
        }

        var found = descriptions.Where(d => !d.Error.IsError).ToList();
        var details = await TopicDetailsReader.ReadAsync(_admin, found, ct).ConfigureAwait(false);
        if (_format == OutputFormat.Json)
        {
            JsonOutput.Write(_console.Out, details);
        }
        else
        {
            WriteDetails(details);
        }

        return failed > 0 ? ExitCodes.Error : ExitCodes.Ok;
    }

    internal static int ReplicationFactor(TopicDescription d) => d.Partitions.Count == 0 ? 0 : d.Partitions[0].Replicas.Count;

    private async Task<IReadOnlyList<TopicDescription>> DescribeAllAsync(IReadOnlyList<string> names, CancellationToken ct)
    {
        try
        {
            return await _admin.DescribeTopicsAsync(names, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (AdminOperationException<TopicDescription> e)
        {
            return e.Results;
        }
    }

    private void WriteDetails(IReadOnlyList<TopicDetails> details)
    {
        var first = true;
        foreach (var t in details)
        {
            if (!first)
            {
                _console.Out.WriteLine();
            }

            first = false;
            var configs = t.Configs.Count == 0 ? "-" : string.Join(",", t.Configs.Select(c => $"{c.Key}={c.Value}"));
            _console.Out.WriteLine($"Topic: {t.Name}  TopicId: {t.TopicId}  PartitionCount: {t.Partitions.Count}  ReplicationFactor: {t.ReplicationFactor}  Configs: {configs}");
            var table = new TextTable("PARTITION", "LEADER", "REPLICAS", "ISR", "LOG-START-OFFSET", "LOG-END-OFFSET");
            foreach (var p in t.Partitions)
            {
                table.Add(p.Partition, p.Leader?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none", string.Join(",", p.Replicas), string.Join(",", p.Isr),
                    p.LogStartOffset < 0 ? null : p.LogStartOffset, p.LogEndOffset < 0 ? null : p.LogEndOffset);
            }

            table.Write(_console.Out);
        }
    }

    /// <summary>Prints the outcomes (sentences, or a JSON array) and returns 1 when any failed.</summary>
    private int Report(string verb, IEnumerable<TopicOutcome> outcomes)
    {
        var list = outcomes.ToList();
        if (_format == OutputFormat.Json)
        {
            JsonOutput.Write(_console.Out, list);
        }

        foreach (var o in list)
        {
            if (o.Result == "failed")
            {
                _console.Error.WriteLine($"pipeline topics: cannot {verb} {o.Topic}: {o.Error}");
            }
            else if (_format == OutputFormat.Table)
            {
                _console.Out.WriteLine(o.Result switch
                {
                    "created" => $"Created topic {o.Topic}.",
                    "exists" => $"Topic {o.Topic} already exists.",
                    "deleted" => $"Deleted topic {o.Topic}.",
                    "absent" => $"Topic {o.Topic} does not exist.",
                    _ => $"Altered topic {o.Topic}.",
                });
            }
        }

        return list.Any(o => o.Result == "failed") ? ExitCodes.Error : ExitCodes.Ok;
    }
}
