using Pipeline.Protocol;

namespace Pipeline.Client.Group;

/// <summary>
/// How one JoinGroup + SyncGroup round ended. On success it carries the new generation and this
/// member's assignment. On failure the ids learnt so far still count (a member id from
/// MEMBER_ID_REQUIRED, or a JoinGroup answer followed by REBALANCE_IN_PROGRESS on SyncGroup) unless
/// the error says they are stale.
/// </summary>
internal sealed record JoinOutcome(
    ErrorCode Error,
    string? Message,
    string MemberId,
    int GenerationId,
    string? ProtocolName,
    string LeaderId,
    byte[] Assignment)
{
    public bool Succeeded => Error == ErrorCode.None;

    public KafkaError AsError => new(Error, Message);
}
