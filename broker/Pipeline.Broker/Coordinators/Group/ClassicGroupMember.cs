using Pipeline.Protocol.Messages;

namespace Pipeline.Broker.Coordinators.Group;

/// <summary>
/// A member of a classic group (Kafka's ClassicGroupMember): identity, timeouts, the protocols it
/// supports, its current assignment, and its parked JoinGroup/SyncGroup request if any.
/// Owned by the shard's loop.
/// </summary>
public sealed class ClassicGroupMember
{
    public ClassicGroupMember(
        string memberId,
        string? groupInstanceId,
        string clientId,
        string clientHost,
        int rebalanceTimeoutMs,
        int sessionTimeoutMs,
        string protocolType,
        IReadOnlyList<ClassicProtocol> supportedProtocols,
        byte[]? assignment = null)
    {
        MemberId = memberId;
        GroupInstanceId = groupInstanceId;
        ClientId = clientId;
        ClientHost = clientHost;
        RebalanceTimeoutMs = rebalanceTimeoutMs;
        SessionTimeoutMs = sessionTimeoutMs;
        ProtocolType = protocolType;
        SupportedProtocols = supportedProtocols;
        Assignment = assignment ?? [];
    }

    public string MemberId { get; }

    public string? GroupInstanceId { get; }

    public bool IsStatic => GroupInstanceId is not null;

    public string ClientId { get; }

    public string ClientHost { get; }

    public int RebalanceTimeoutMs { get; set; }

    public int SessionTimeoutMs { get; set; }

    public string ProtocolType { get; }

    public IReadOnlyList<ClassicProtocol> SupportedProtocols { get; set; }

    public byte[] Assignment { get; set; }

    /// <summary>A member added in the running rebalance: its session does not count yet, the join timeout does.</summary>
    public bool IsNew { get; set; }

    /// <summary>The parked JoinGroup of this member, if any.</summary>
    public TaskCompletionSource<JoinGroupResponse>? AwaitingJoin { get; set; }

    /// <summary>The parked SyncGroup of this member, if any.</summary>
    public TaskCompletionSource<SyncGroupResponse>? AwaitingSync { get; set; }

    public bool IsAwaitingJoin => AwaitingJoin is not null;

    public bool IsAwaitingSync => AwaitingSync is not null;

    /// <summary>
    /// Whether a heartbeat deadline passing is harmless: a member parked in JoinGroup or SyncGroup
    /// counts as alive, except a new one (its join timeout is what bounds it).
    /// </summary>
    public bool HasSatisfiedHeartbeat => !IsNew && (IsAwaitingJoin || IsAwaitingSync);

    public byte[] Metadata(string protocolName)
    {
        foreach (var p in SupportedProtocols)
        {
            if (p.Name == protocolName)
            {
                return p.Metadata;
            }
        }

        throw new InvalidOperationException($"Member {MemberId} does not support protocol {protocolName}.");
    }

    public bool Matches(IReadOnlyList<ClassicProtocol> protocols) => ClassicProtocol.SameList(SupportedProtocols, protocols);

    /// <summary>The member's first protocol (in its own preference order) among <paramref name="candidates"/>.</summary>
    public string Vote(IReadOnlySet<string> candidates)
    {
        foreach (var p in SupportedProtocols)
        {
            if (candidates.Contains(p.Name))
            {
                return p.Name;
            }
        }

        throw new InvalidOperationException($"Member {MemberId} does not support any of the candidate protocols.");
    }

    public DescribeGroupsResponse.DescribedGroupMember Describe(string? protocolName) => new()
    {
        MemberId = MemberId,
        GroupInstanceId = GroupInstanceId,
        ClientId = ClientId,
        ClientHost = ClientHost,
        MemberMetadata = protocolName is null ? [] : Metadata(protocolName),
        MemberAssignment = protocolName is null ? [] : Assignment,
    };
}
