namespace Pipeline.Client.Group;

/// <summary>Where a member is in the classic rebalance protocol (Kafka's MemberState).</summary>
public enum GroupMemberState
{
    /// <summary>Not in the group (never joined, left, fenced, or its generation was reset).</summary>
    Unjoined,

    /// <summary>JoinGroup sent; waiting for the rebalance to gather the members.</summary>
    Joining,

    /// <summary>JoinGroup answered; SyncGroup sent (the leader computed the assignment first).</summary>
    Syncing,

    /// <summary>Assignment received; heartbeating.</summary>
    Stable,
}
