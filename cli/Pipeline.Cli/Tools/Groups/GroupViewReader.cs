using Pipeline.Cli.Tools.Topics;
using Pipeline.Client.Admin;
using Pipeline.Protocol;

namespace Pipeline.Cli.Tools.Groups;

/// <summary>
/// Gathers what <c>groups describe</c> shows: the group's state and members (DescribeGroups), its
/// committed offsets (OffsetFetch) and the log end offsets of every partition that is committed or
/// assigned (ListOffsets), joined per partition.
/// </summary>
internal static class GroupViewReader
{
    public static async Task<GroupView?> ReadAsync(IAdminClient admin, string groupId, CancellationToken ct)
    {
        var description = (await admin.DescribeGroupsAsync([groupId], cancellationToken: ct).ConfigureAwait(false))[0];
        var committed = (await admin.ListConsumerGroupOffsetsAsync(groupId, cancellationToken: ct).ConfigureAwait(false))
            .Where(c => c.Offset >= 0).ToDictionary(c => c.TopicPartition, c => c.Offset);
        if (description.State == "Dead" && committed.Count == 0)
        {
            return null;
        }

        var owners = new Dictionary<TopicPartition, GroupMemberDescription>();
        foreach (var m in description.Members)
        {
            foreach (var tp in m.Assignment)
            {
                owners[tp] = m;
            }
        }

        var partitions = committed.Keys.Concat(owners.Keys).Distinct()
            .OrderBy(p => p.Topic, StringComparer.Ordinal).ThenBy(p => p.Partition).ToList();
        var ends = await TopicDetailsReader.OffsetsAsync(admin, partitions, OffsetSpec.Latest, ct).ConfigureAwait(false);
        var rows = partitions.Select(tp =>
        {
            long? current = committed.TryGetValue(tp, out var c) ? c : null;
            long? end = ends.TryGetValue(tp, out var e) ? e : null;
            var owner = owners.GetValueOrDefault(tp);
            return new GroupOffsetRow(tp.Topic, tp.Partition, current, end, current is { } cc && end is { } ee ? ee - cc : null,
                owner?.MemberId, owner?.Host, owner?.ClientId);
        }).ToList();
        var members = description.Members.Select(m => new GroupMemberView(m.MemberId, m.GroupInstanceId, m.ClientId, m.Host,
            [.. m.Assignment.OrderBy(p => p.Topic, StringComparer.Ordinal).ThenBy(p => p.Partition).Select(p => new PartitionRef(p.Topic, p.Partition))])).ToList();
        return new GroupView(groupId, description.State, description.ProtocolType, description.Protocol, description.Coordinator?.Id, members, rows);
    }
}
