using Pipeline.Protocol;
using Pipeline.Protocol.Messages;
using Pipeline.Protocol.Primitives;

namespace Pipeline.Client.Admin;

/// <summary>ListGroups (every broker), DescribeGroups and DeleteGroups (each group's coordinator).</summary>
internal sealed class GroupAdmin
{
    private readonly AdminContext _ctx;

    public GroupAdmin(AdminContext ctx) => _ctx = ctx;

    public async Task<IReadOnlyList<GroupListing>> ListGroupsAsync(AdminCallOptions? options, CancellationToken cancellationToken)
    {
        using var deadline = _ctx.Deadline(options, cancellationToken);
        var cluster = await _ctx.RetryAsync("ListGroups", deadline, () => _ctx.ClusterAsync(deadline)).ConfigureAwait(false);
        var results = await _ctx.RunAsync("ListGroups", cluster.Brokers.Keys, deadline, async pending =>
        {
            var answers = await Task.WhenAll(pending.Select(async broker =>
            {
                try
                {
                    var connection = await _ctx.NodeAsync(broker, deadline).ConfigureAwait(false);
                    var version = connection.Versions.Require(ApiKey.ListGroups);
                    var response = await connection.SendAsync<ListGroupsResponse>(new ListGroupsRequest(), version, cancellationToken: deadline.Token).ConfigureAwait(false);
                    var groups = response.Groups.Select(g => new GroupListing(g.GroupId, g.ProtocolType, g.GroupState, g.GroupType)).ToList();
                    return KeyValuePair.Create(broker, new BrokerGroupListing(broker, KafkaError.From(response.ErrorCode), groups));
                }
                catch (KafkaException e)
                {
                    return KeyValuePair.Create(broker, new BrokerGroupListing(broker, e.Error, []));
                }
            })).ConfigureAwait(false);
            return answers;
        }, (broker, error) => new BrokerGroupListing(broker, error, [])).ConfigureAwait(false);

        var listed = new Dictionary<string, GroupListing>(StringComparer.Ordinal);
        foreach (var r in results.Values)
        {
            if (r.Error.IsError)
            {
                throw new KafkaException(r.Error.Code, $"ListGroups on broker {r.BrokerId}: {r.Error.Message ?? r.Error.ToString()}");
            }

            foreach (var g in r.Groups)
            {
                listed[g.GroupId] = g;
            }
        }

        return [.. listed.Values.OrderBy(g => g.GroupId, StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<GroupDescription>> DescribeGroupsAsync(IReadOnlyList<string> groupIds, AdminCallOptions? options, CancellationToken cancellationToken)
    {
        using var deadline = _ctx.Deadline(options, cancellationToken);
        var results = await _ctx.RunAsync("DescribeGroups", groupIds, deadline, pending => CoordinatorRouting.SendAsync(_ctx, pending, deadline, Failed, async (connection, node, groups) =>
        {
            var version = connection.Versions.Require(ApiKey.DescribeGroups);
            var request = new DescribeGroupsRequest { Groups = [.. groups] };
            var response = await connection.SendAsync<DescribeGroupsResponse>(request, version, cancellationToken: deadline.Token).ConfigureAwait(false);
            var coordinator = TopicAdmin.Node(_ctx.Metadata.Current, node);
            return response.Groups.Select(g => KeyValuePair.Create(g.GroupId, new GroupDescription(
                g.GroupId,
                KafkaError.From(g.ErrorCode),
                g.GroupState,
                g.ProtocolType,
                g.ProtocolData,
                [.. g.Members.Select(m => new GroupMemberDescription(m.MemberId, m.GroupInstanceId, m.ClientId, m.ClientHost, DecodeAssignment(g.ProtocolType, m.MemberAssignment)))],
                coordinator)));
        }), Failed).ConfigureAwait(false);
        return AdminContext.Ordered("DescribeGroups", groupIds, results);

        static GroupDescription Failed(string group, KafkaError error) => new(group, error, "", "", "", [], null);
    }

    public async Task<IReadOnlyList<GroupReport>> DeleteGroupsAsync(IReadOnlyList<string> groupIds, AdminCallOptions? options, CancellationToken cancellationToken)
    {
        using var deadline = _ctx.Deadline(options, cancellationToken);
        var results = await _ctx.RunAsync("DeleteGroups", groupIds, deadline, pending => CoordinatorRouting.SendAsync(_ctx, pending, deadline, Failed, async (connection, _, groups) =>
        {
            var version = connection.Versions.Require(ApiKey.DeleteGroups);
            var response = await connection.SendAsync<DeleteGroupsResponse>(new DeleteGroupsRequest { GroupsNames = [.. groups] }, version, cancellationToken: deadline.Token).ConfigureAwait(false);
            return response.Results.Select(r => KeyValuePair.Create(r.GroupId, new GroupReport(r.GroupId, KafkaError.From(r.ErrorCode))));
        }), Failed).ConfigureAwait(false);
        return AdminContext.Ordered("DeleteGroups", groupIds, results);

        static GroupReport Failed(string group, KafkaError error) => new(group, error);
    }

    /// <summary>The partitions of a "consumer" group member's assignment (ConsumerProtocolAssignment, int16 version first).</summary>
    internal static IReadOnlyList<TopicPartition> DecodeAssignment(string protocolType, byte[] bytes)
    {
        if (protocolType != "consumer" || bytes.Length < 2)
        {
            return [];
        }

        try
        {
            var reader = new ProtocolReader(bytes);
            var version = reader.ReadInt16();
            var assignment = new ConsumerProtocolAssignment();
            assignment.Read(ref reader, Math.Min(version, ConsumerProtocolAssignment.HighestSupportedVersion));
            return [.. assignment.AssignedPartitions.SelectMany(t => t.Partitions.Select(p => new TopicPartition(t.Topic, p)))];
        }
        catch (ProtocolException)
        {
            return [];
        }
    }
}
