using Pipeline.Client.Admin;
using Pipeline.Protocol;

namespace Pipeline.Cli.Tools.Topics;

/// <summary>Adds to described topics what kafka-topics --describe shows (overridden configs) and what people ask next (each partition's log start and end offsets).</summary>
internal static class TopicDetailsReader
{
    public static async Task<IReadOnlyList<TopicDetails>> ReadAsync(IAdminClient admin, IReadOnlyList<TopicDescription> topics, CancellationToken ct)
    {
        if (topics.Count == 0)
        {
            return [];
        }

        var partitions = topics.SelectMany(t => t.Partitions.Select(p => new TopicPartition(t.Name, p.Partition))).ToList();
        var earliest = await OffsetsAsync(admin, partitions, OffsetSpec.Earliest, ct).ConfigureAwait(false);
        var latest = await OffsetsAsync(admin, partitions, OffsetSpec.Latest, ct).ConfigureAwait(false);
        IReadOnlyList<DescribeConfigsReport> configs;
        try
        {
            configs = await admin.DescribeConfigsAsync(topics.Select(t => ConfigResource.Topic(t.Name)), cancellationToken: ct).ConfigureAwait(false);
        }
        catch (AdminOperationException<DescribeConfigsReport> e)
        {
            configs = e.Results;
        }

        var overrides = configs.ToDictionary(
            c => c.Resource.Name,
            c => (IReadOnlyDictionary<string, string?>)c.Entries.Where(e => e.Source == ConfigSource.TopicConfig)
                .OrderBy(e => e.Name, StringComparer.Ordinal)
                .ToDictionary(e => e.Name, e => e.IsSensitive ? "[hidden]" : e.Value));
        return [.. topics.Select(t => new TopicDetails(
            t.Name,
            t.TopicId.ToString(),
            t.IsInternal,
            TopicsTool.ReplicationFactor(t),
            overrides.GetValueOrDefault(t.Name) ?? new Dictionary<string, string?>(),
            [.. t.Partitions.OrderBy(p => p.Partition).Select(p => new PartitionDetails(
                p.Partition,
                p.Leader?.Id,
                p.LeaderEpoch,
                [.. p.Replicas.Select(r => r.Id)],
                [.. p.Isr.Select(r => r.Id)],
                [.. p.OfflineReplicas.Select(r => r.Id)],
                earliest.GetValueOrDefault(new TopicPartition(t.Name, p.Partition), -1),
                latest.GetValueOrDefault(new TopicPartition(t.Name, p.Partition), -1)))]))];
    }

    /// <summary>Each partition's offset for <paramref name="spec"/>; partitions that failed (no leader, ...) are left out.</summary>
    public static async Task<Dictionary<TopicPartition, long>> OffsetsAsync(IAdminClient admin, IReadOnlyList<TopicPartition> partitions, OffsetSpec spec, CancellationToken ct)
    {
        if (partitions.Count == 0)
        {
            return [];
        }

        IReadOnlyList<ListOffsetsReport> reports;
        try
        {
            reports = await admin.ListOffsetsAsync(partitions.Distinct().ToDictionary(p => p, _ => spec), cancellationToken: ct).ConfigureAwait(false);
        }
        catch (AdminOperationException<ListOffsetsReport> e)
        {
            reports = e.Results;
        }

        return reports.Where(r => !r.Error.IsError).ToDictionary(r => r.TopicPartition, r => r.Offset);
    }
}
