using Microsoft.Extensions.Logging;

namespace Pipeline.Client.Group;

/// <summary>LoggerMessage methods of group membership (event ids 5030-5049).</summary>
internal static partial class GroupLog
{
    [LoggerMessage(5030, LogLevel.Information, "Group {GroupId}: coordinator is node {NodeId} ({Address})")]
    public static partial void CoordinatorFound(ILogger logger, string groupId, int nodeId, string address);

    [LoggerMessage(5031, LogLevel.Information, "Group {GroupId}: coordinator node {NodeId} marked unknown: {Reason}")]
    public static partial void CoordinatorUnknown(ILogger logger, string groupId, int nodeId, string reason);

    [LoggerMessage(5032, LogLevel.Information, "Group {GroupId}: (re)joining ({Reason})")]
    public static partial void Joining(ILogger logger, string groupId, string reason);

    [LoggerMessage(5033, LogLevel.Information, "Group {GroupId}: joined generation {Generation} as {MemberId} (leader {Leader}, protocol {Protocol})")]
    public static partial void Joined(ILogger logger, string groupId, int generation, string memberId, string leader, string? protocol);

    [LoggerMessage(5034, LogLevel.Information, "Group {GroupId}: join failed with {Error}; retrying")]
    public static partial void JoinFailed(ILogger logger, string groupId, string error);

    [LoggerMessage(5035, LogLevel.Information, "Group {GroupId}: heartbeat answered {Error}")]
    public static partial void HeartbeatError(ILogger logger, string groupId, string error);

    [LoggerMessage(5036, LogLevel.Warning, "Group {GroupId}: no poll for {ElapsedMs} ms (more than the rebalance timeout); leaving the group so that its partitions move on")]
    public static partial void PollTimeout(ILogger logger, string groupId, long elapsedMs);

    [LoggerMessage(5037, LogLevel.Information, "Group {GroupId}: member {MemberId} leaving ({Reason})")]
    public static partial void Leaving(ILogger logger, string groupId, string memberId, string reason);

    [LoggerMessage(5038, LogLevel.Error, "Group {GroupId}: fatal error {Error}")]
    public static partial void Fatal(ILogger logger, string groupId, string error);

    [LoggerMessage(5039, LogLevel.Error, "Group {GroupId}: the leader's assignment failed")]
    public static partial void AssignmentFailed(ILogger logger, string groupId, Exception exception);

    [LoggerMessage(5040, LogLevel.Warning, "Group {GroupId}: heartbeat loop failed")]
    public static partial void HeartbeatLoopFailed(ILogger logger, string groupId, Exception exception);
}
