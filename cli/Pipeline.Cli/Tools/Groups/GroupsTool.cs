using Pipeline.Cli.Tools.Output;
using Pipeline.Client;
using Pipeline.Client.Admin;
using Pipeline.Protocol;

namespace Pipeline.Cli.Tools.Groups;

/// <summary><c>pipeline groups list|describe|delete|delete-offsets</c> (kafka-consumer-groups) over the admin client.</summary>
internal sealed class GroupsTool
{
    private readonly IAdminClient _admin;
    private readonly ToolConsole _console;
    private readonly OutputFormat _format;

    public GroupsTool(IAdminClient admin, ToolConsole console, OutputFormat format)
    {
        _admin = admin;
        _console = console;
        _format = format;
    }

    public async Task<int> ListAsync(CancellationToken ct)
    {
        var groups = (await _admin.ListGroupsAsync(cancellationToken: ct).ConfigureAwait(false))
            .OrderBy(g => g.GroupId, StringComparer.Ordinal)
            .Select(g => new GroupSummary(g.GroupId, g.Type, g.State, g.ProtocolType)).ToList();
        if (_format == OutputFormat.Json)
        {
            JsonOutput.Write(_console.Out, groups);
            return ExitCodes.Ok;
        }

        var table = new TextTable("GROUP", "TYPE", "STATE", "PROTOCOL-TYPE");
        foreach (var g in groups)
        {
            table.Add(g.Group, Blank(g.Type), Blank(g.State), Blank(g.ProtocolType));
        }

        table.Write(_console.Out);
        return ExitCodes.Ok;
    }

    /// <summary>Describes groups: per-partition offsets and lag (default), or members, or state only.</summary>
    public async Task<int> DescribeAsync(IReadOnlyList<string> groupIds, GroupDescribeView view, CancellationToken ct)
    {
        var ids = groupIds.Count > 0 ? groupIds
            : [.. (await _admin.ListGroupsAsync(cancellationToken: ct).ConfigureAwait(false)).Select(g => g.GroupId).Order(StringComparer.Ordinal)];
        var views = new List<GroupView>();
        var missing = 0;
        foreach (var id in ids)
        {
            var v = await GroupViewReader.ReadAsync(_admin, id, ct).ConfigureAwait(false);
            if (v is null)
            {
                missing++;
                await _console.Error.WriteLineAsync($"pipeline groups: consumer group '{id}' does not exist (`pipeline groups list` shows the groups)").ConfigureAwait(false);
            }
            else
            {
                views.Add(v);
            }
        }

        if (_format == OutputFormat.Json)
        {
            JsonOutput.Write(_console.Out, views);
        }
        else
        {
            for (var i = 0; i < views.Count; i++)
            {
                if (i > 0)
                {
                    _console.Out.WriteLine();
                }

                WriteGroup(views[i], view);
            }
        }

        return missing > 0 ? ExitCodes.Error : ExitCodes.Ok;
    }

    public async Task<int> DeleteAsync(IReadOnlyList<string> groupIds, CancellationToken ct)
    {
        IReadOnlyList<GroupReport> reports;
        try
        {
            reports = await _admin.DeleteGroupsAsync(groupIds, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (AdminOperationException<GroupReport> e)
        {
            reports = e.Results;
        }

        return Report(reports.Select(r => Outcome(r.GroupId, null, r.Error)).ToList());
    }

    public async Task<int> DeleteOffsetsAsync(string groupId, IReadOnlyList<TopicPartition> partitions, CancellationToken ct)
    {
        IReadOnlyList<TopicPartitionReport> reports;
        try
        {
            reports = await _admin.DeleteConsumerGroupOffsetsAsync(groupId, partitions, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (AdminOperationException<TopicPartitionReport> e)
        {
            reports = e.Results;
        }

        return Report(reports.Select(r => Outcome(groupId, r.TopicPartition, r.Error)).ToList());
    }

    private static GroupOutcome Outcome(string group, TopicPartition? tp, KafkaError error) =>
        new(group, tp?.Topic, tp?.Partition, error.IsError ? "failed" : "deleted", error.IsError ? ToolRunner.Describe(error) : null);

    private int Report(IReadOnlyList<GroupOutcome> outcomes)
    {
        if (_format == OutputFormat.Json)
        {
            JsonOutput.Write(_console.Out, outcomes);
        }

        foreach (var o in outcomes)
        {
            var what = o.Topic is null ? $"group '{o.Group}'" : $"offsets of group '{o.Group}' for {o.Topic}-{o.Partition}";
            if (o.Result == "failed")
            {
                _console.Error.WriteLine($"pipeline groups: cannot delete {what}: {o.Error}");
            }
            else if (_format == OutputFormat.Table)
            {
                _console.Out.WriteLine($"Deleted {what}.");
            }
        }

        return outcomes.Any(o => o.Result == "failed") ? ExitCodes.Error : ExitCodes.Ok;
    }

    private void WriteGroup(GroupView g, GroupDescribeView view)
    {
        var coordinator = g.Coordinator?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-";
        switch (view)
        {
            case GroupDescribeView.State:
            {
                var table = new TextTable("GROUP", "COORDINATOR (ID)", "ASSIGNMENT-STRATEGY", "STATE", "#MEMBERS");
                table.Add(g.Group, coordinator, Blank(g.Protocol), g.State, g.Members.Count);
                table.Write(_console.Out);
                return;
            }

            case GroupDescribeView.Members:
            {
                if (g.Members.Count == 0)
                {
                    _console.Out.WriteLine($"Consumer group '{g.Group}' has no active members.");
                    return;
                }

                var table = new TextTable("GROUP", "CONSUMER-ID", "HOST", "CLIENT-ID", "#PARTITIONS", "ASSIGNMENT");
                foreach (var m in g.Members)
                {
                    table.Add(g.Group, m.MemberId, m.Host, m.ClientId, m.Assignment.Count, Assignment(m.Assignment));
                }

                table.Write(_console.Out);
                return;
            }

            default:
            {
                if (g.Members.Count == 0)
                {
                    _console.Out.WriteLine($"Consumer group '{g.Group}' has no active members.");
                }

                var table = new TextTable("GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "CONSUMER-ID", "HOST", "CLIENT-ID");
                foreach (var r in g.Offsets)
                {
                    table.Add(g.Group, r.Topic, r.Partition, r.CurrentOffset, r.LogEndOffset, r.Lag, r.MemberId, r.Host, r.ClientId);
                }

                table.Write(_console.Out);
                return;
            }
        }
    }

    private static string Assignment(IReadOnlyList<PartitionRef> partitions) =>
        partitions.Count == 0 ? "-" : string.Join(" ", partitions.GroupBy(p => p.Topic).Select(t => $"{t.Key}({string.Join(",", t.Select(p => p.Partition))})"));

    private static string Blank(string text) => text.Length == 0 ? "-" : text;
}
