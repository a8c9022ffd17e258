using Pipeline.Cli.Tools.Output;
using Pipeline.Cli.Tools.Topics;
using Pipeline.Client;
using Pipeline.Client.Admin;
using Pipeline.Protocol;

namespace Pipeline.Cli.Tools.Groups;

/// <summary>
/// <c>pipeline groups reset-offsets</c>: plans new committed offsets for an inactive group and,
/// with <c>--execute</c>, commits them (without it: a dry run, as kafka-consumer-groups).
/// </summary>
internal sealed class ResetOffsetsTool
{
    private readonly IAdminClient _admin;
    private readonly ToolConsole _console;
    private readonly OutputFormat _format;

    public ResetOffsetsTool(IAdminClient admin, ToolConsole console, OutputFormat format)
    {
        _admin = admin;
        _console = console;
        _format = format;
    }

    /// <param name="topics">Topic, and the partitions chosen (null: all of them); empty with <paramref name="allTopics"/>.</param>
    public async Task<int> RunAsync(string group, IReadOnlyList<(string Topic, IReadOnlyList<int>? Partitions)> topics, bool allTopics, OffsetReset reset, bool execute, CancellationToken ct)
    {
        var description = (await _admin.DescribeGroupsAsync([group], cancellationToken: ct).ConfigureAwait(false))[0];
        if (description.State is not ("Empty" or "Dead"))
        {
            throw new ToolException($"assignments can only be reset if the group '{group}' is inactive, but the current state is {description.State}: stop its consumers first");
        }

        var committed = (await _admin.ListConsumerGroupOffsetsAsync(group, cancellationToken: ct).ConfigureAwait(false))
            .Where(c => c.Offset >= 0).ToDictionary(c => c.TopicPartition, c => c.Offset);
        var partitions = allTopics ? [.. committed.Keys] : await ResolveAsync(topics, ct).ConfigureAwait(false);
        if (partitions.Count == 0)
        {
            throw new ToolException(allTopics
                ? $"group '{group}' has no committed offsets: name the topics with --topic"
                : "no partitions to reset");
        }

        var earliest = await TopicDetailsReader.OffsetsAsync(_admin, partitions, OffsetSpec.Earliest, ct).ConfigureAwait(false);
        var latest = await TopicDetailsReader.OffsetsAsync(_admin, partitions, OffsetSpec.Latest, ct).ConfigureAwait(false);
        var byTime = reset.NeedsTimestampLookup
            ? await TopicDetailsReader.OffsetsAsync(_admin, partitions, OffsetSpec.ForTimestamp(reset.Time), ct).ConfigureAwait(false)
            : null;
        var rows = OffsetResetPlanner.Plan(group, reset, partitions, committed, earliest, latest, byTime);

        if (execute)
        {
            try
            {
                await _admin.AlterConsumerGroupOffsetsAsync(group, rows.Select(r => new TopicPartitionOffset(r.Topic, r.Partition, r.NewOffset)), cancellationToken: ct).ConfigureAwait(false);
            }
            catch (AdminOperationException<TopicPartitionReport> e)
            {
                var failed = e.Results.First(r => r.Error.IsError);
                throw new ToolException($"cannot commit the new offsets of group '{group}' ({failed.TopicPartition.Topic}-{failed.TopicPartition.Partition}: {ToolRunner.Describe(failed.Error)})");
            }
        }

        if (_format == OutputFormat.Json)
        {
            JsonOutput.Write(_console.Out, rows);
        }
        else
        {
            var table = new TextTable("GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET", "NEW-OFFSET");
            foreach (var r in rows)
            {
                table.Add(r.Group, r.Topic, r.Partition, r.CurrentOffset, r.NewOffset);
            }

            table.Write(_console.Out);
        }

        if (!execute)
        {
            await _console.Error.WriteLineAsync("pipeline groups: dry run, nothing committed; pass --execute to commit these offsets").ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }

    private async Task<IReadOnlyList<TopicPartition>> ResolveAsync(IReadOnlyList<(string Topic, IReadOnlyList<int>? Partitions)> topics, CancellationToken ct)
    {
        var result = new List<TopicPartition>();
        var whole = topics.Where(t => t.Partitions is null).Select(t => t.Topic).Distinct(StringComparer.Ordinal).ToList();
        if (whole.Count > 0)
        {
            IReadOnlyList<TopicDescription> described;
            try
            {
                described = await _admin.DescribeTopicsAsync(whole, cancellationToken: ct).ConfigureAwait(false);
            }
            catch (AdminOperationException<TopicDescription> e)
            {
                var failed = e.Results.First(d => d.Error.IsError);
                throw new ToolException($"cannot describe topic {failed.Name}: {ToolRunner.Describe(failed.Error)}");
            }

            result.AddRange(described.SelectMany(d => d.Partitions.Select(p => new TopicPartition(d.Name, p.Partition))));
        }

        foreach (var (topic, chosen) in topics)
        {
            foreach (var p in chosen ?? [])
            {
                result.Add(new TopicPartition(topic, p));
            }
        }

        return [.. result.Distinct()];
    }
}
