namespace Pipeline.Client.Config;

/// <summary>The acks setting: how many replicas must have a record before it counts as written.</summary>
public enum Acks : short
{
    /// <summary>acks=0: no response at all; offsets are unknown (-1).</summary>
    None = 0,

    /// <summary>acks=1: the leader wrote it.</summary>
    Leader = 1,

    /// <summary>acks=all (-1): every in-sync replica has it.</summary>
    All = -1,
}
