using Microsoft.Extensions.Logging;

namespace Pipeline.SchemaRegistry;

/// <summary>The registry's log events (fixed ids, 7000-7099).</summary>
internal static partial class SchemaRegistryLog
{
    [LoggerMessage(7000, LogLevel.Information, "Created the schema topic {Topic} (replication factor {ReplicationFactor})")]
    public static partial void TopicCreated(ILogger logger, string topic, short replicationFactor);

    [LoggerMessage(7001, LogLevel.Information, "Loaded the schema store from {Topic} up to offset {EndOffset} (max id {MaxId})")]
    public static partial void StoreLoaded(ILogger logger, string topic, long endOffset, int maxId);

    [LoggerMessage(7002, LogLevel.Warning, "Ignored the _schemas record at offset {Offset} ({Key}): malformed, or an id already used by another schema")]
    public static partial void RecordIgnored(ILogger logger, long offset, string key);

    [LoggerMessage(7003, LogLevel.Warning, "The schema store reader failed; retrying")]
    public static partial void ReaderFailed(ILogger logger, Exception exception);

    [LoggerMessage(7010, LogLevel.Information, "Primary is now {Primary} (this instance: {Self}, primary here: {IsPrimary})")]
    public static partial void LeaderChanged(ILogger logger, string primary, string self, bool isPrimary);

    [LoggerMessage(7011, LogLevel.Warning, "No eligible primary in the group: writes answer 50004 until one joins")]
    public static partial void NoLeader(ILogger logger);

    [LoggerMessage(7012, LogLevel.Error, "The election assignment reports duplicate URLs: set host.name to an address the other instances can reach")]
    public static partial void DuplicateUrls(ILogger logger);

    [LoggerMessage(7013, LogLevel.Warning, "The election loop failed; retrying")]
    public static partial void ElectionFailed(ILogger logger, Exception exception);

    [LoggerMessage(7020, LogLevel.Information, "Registered schema {Id} as version {Version} of {Subject}")]
    public static partial void Registered(ILogger logger, int id, int version, string subject);

    [LoggerMessage(7021, LogLevel.Error, "Unexpected error answering {Method} {Path}")]
    public static partial void Unexpected(ILogger logger, string method, string path, Exception exception);

    [LoggerMessage(7022, LogLevel.Warning, "Forwarding {Method} {Path} to the primary {Primary} failed")]
    public static partial void ForwardFailed(ILogger logger, string method, string path, string primary, Exception exception);
}
