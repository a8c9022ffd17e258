using Microsoft.Extensions.Logging;

namespace Pipeline.Broker.Coordinators.Group;

internal static partial class GroupCoordinatorLog
{
    [LoggerMessage(EventId = 620, Level = LogLevel.Information, Message = "Preparing to rebalance group {GroupId} in state {State} with old generation {Generation} (reason: {Reason})")]
    public static partial void PreparingRebalance(ILogger logger, string groupId, string state, int generation, string reason);

    [LoggerMessage(EventId = 621, Level = LogLevel.Information, Message = "Stabilized group {GroupId} generation {Generation} with {Members} member(s)")]
    public static partial void Stabilized(ILogger logger, string groupId, int generation, int members);

    [LoggerMessage(EventId = 622, Level = LogLevel.Information, Message = "Group {GroupId} with generation {Generation} is now empty")]
    public static partial void NowEmpty(ILogger logger, string groupId, int generation);

    [LoggerMessage(EventId = 623, Level = LogLevel.Information, Message = "Member {MemberId} of group {GroupId} has failed (no heartbeat within its session timeout); removing it")]
    public static partial void MemberExpired(ILogger logger, string memberId, string groupId);

    [LoggerMessage(EventId = 624, Level = LogLevel.Information, Message = "Group {GroupId} removed members that did not rejoin: {Members}")]
    public static partial void RemovedNotRejoined(ILogger logger, string groupId, string members);

    [LoggerMessage(EventId = 625, Level = LogLevel.Information, Message = "Member {MemberId} left group {GroupId} (reason: {Reason})")]
    public static partial void MemberLeft(ILogger logger, string memberId, string groupId, string reason);

    [LoggerMessage(EventId = 626, Level = LogLevel.Information, Message = "Removed {Count} expired offset(s) and empty group(s) of shard {Partition}")]
    public static partial void Expired(ILogger logger, int count, int partition);

    [LoggerMessage(EventId = 627, Level = LogLevel.Warning, Message = "Storing the metadata of group {GroupId} failed: {Error}")]
    public static partial void StoreFailed(ILogger logger, string groupId, string error);
}
