using Microsoft.Extensions.Logging;

namespace Pipeline.Client;

/// <summary>LoggerMessage methods of the client, with fixed event ids (5000-5099).</summary>
internal static partial class ClientLog
{
    [LoggerMessage(5000, LogLevel.Debug, "Connected to node {NodeId} at {Address}; negotiated ApiVersions v{Version}")]
    public static partial void Connected(ILogger logger, int nodeId, string address, short version);

    [LoggerMessage(5001, LogLevel.Information, "Connection to node {NodeId} at {Address} failed: {Reason}")]
    public static partial void ConnectFailed(ILogger logger, int nodeId, string address, string reason);

    [LoggerMessage(5002, LogLevel.Debug, "Connection to node {NodeId} at {Address} closed: {Reason}")]
    public static partial void Disconnected(ILogger logger, int nodeId, string address, string reason);

    [LoggerMessage(5003, LogLevel.Warning, "Request {ApiKey} to node {NodeId} timed out after {TimeoutMs} ms; disconnecting")]
    public static partial void RequestTimedOut(ILogger logger, string apiKey, int nodeId, long timeoutMs);

    [LoggerMessage(5004, LogLevel.Debug, "Metadata updated: {Brokers} broker(s), {Topics} topic(s), controller {ControllerId}")]
    public static partial void MetadataUpdated(ILogger logger, int brokers, int topics, int controllerId);

    [LoggerMessage(5005, LogLevel.Warning, "Metadata refresh failed: {Reason}")]
    public static partial void MetadataFailed(ILogger logger, string reason);

    [LoggerMessage(5006, LogLevel.Warning, "Unknown configuration '{Key}' ignored")]
    public static partial void UnknownConfig(ILogger logger, string key);

    [LoggerMessage(5010, LogLevel.Information, "Producer id {ProducerId} epoch {Epoch} assigned")]
    public static partial void ProducerIdAssigned(ILogger logger, long producerId, short epoch);

    [LoggerMessage(5011, LogLevel.Warning, "Produce to {Partition} failed with {Error}; retrying (attempt {Attempt})")]
    public static partial void ProduceRetry(ILogger logger, string partition, string error, int attempt);

    [LoggerMessage(5012, LogLevel.Warning, "Bumping the producer epoch after {Reason} on {Partition} (KIP-360)")]
    public static partial void EpochBump(ILogger logger, string reason, string partition);

    [LoggerMessage(5013, LogLevel.Error, "Sender loop failed")]
    public static partial void SenderFailed(ILogger logger, Exception exception);

    [LoggerMessage(5014, LogLevel.Error, "A delivery handler threw")]
    public static partial void DeliveryHandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(5015, LogLevel.Warning, "InitProducerId failed: {Reason}")]
    public static partial void InitProducerIdFailed(ILogger logger, string reason);

    [LoggerMessage(5020, LogLevel.Debug, "Admin {Operation} retrying after {Error}")]
    public static partial void AdminRetry(ILogger logger, string operation, string error);
}
