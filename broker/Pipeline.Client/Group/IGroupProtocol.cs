namespace Pipeline.Client.Group;

/// <summary>
/// What a <see cref="GroupMember"/> runs the classic group protocol for (Kafka's
/// AbstractCoordinator subclass): the consumer ("consumer"), Connect's workers ("connect"), the
/// schema registry's primary election. The member does JoinGroup, SyncGroup, heartbeats and
/// LeaveGroup; this supplies the protocol type, the metadata, the leader's assignment and the
/// reactions to a rebalance.
/// <para>Threads: <see cref="OnJoinPrepareAsync"/>, <see cref="OnJoinCompleteAsync"/> and
/// <see cref="OnLeavePrepareAsync"/> run inside the caller's <see cref="GroupMember.PollAsync"/>
/// or <see cref="GroupMember.LeaveAsync"/>; <see cref="Metadata"/> and <see cref="AssignAsync"/>
/// run on the member's join task; <see cref="RejoinNeeded"/> on the poller.</para>
/// </summary>
public interface IGroupProtocol
{
    /// <summary>JoinGroup's protocol_type; every member of a group must use the same one.</summary>
    string ProtocolType { get; }

    /// <summary>The protocols this member supports, most preferred first, each with its metadata (computed at each join).</summary>
    IReadOnlyList<GroupProtocolMetadata> Metadata();

    /// <summary>Leader only: each member's assignment bytes, keyed by member id (missing members get an empty assignment).</summary>
    Task<IReadOnlyDictionary<string, byte[]>> AssignAsync(GroupLeaderContext context, CancellationToken cancellationToken);

    /// <summary>
    /// Before a (re)join. <paramref name="previous"/> is the generation being left;
    /// <see cref="GroupGeneration.IsValid"/> false means the membership was lost (fenced, timed out).
    /// </summary>
    Task OnJoinPrepareAsync(GroupGeneration previous, CancellationToken cancellationToken);

    /// <summary>After SyncGroup: this member's assignment in <paramref name="generation"/> (empty bytes for none).</summary>
    Task OnJoinCompleteAsync(GroupGeneration generation, byte[] assignment, CancellationToken cancellationToken);

    /// <summary>Before this member leaves the group on purpose (close, unsubscribe).</summary>
    Task OnLeavePrepareAsync(GroupGeneration generation, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Extra reasons to rejoin (a changed subscription, new partitions), checked on every poll.</summary>
    bool RejoinNeeded => false;
}
