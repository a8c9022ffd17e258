using Microsoft.Extensions.Logging;
using Pipeline.Protocol.Messages;

namespace Pipeline.Broker.Network;

internal static partial class ConnectionLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Closing connection {Connection}: frame size {Size} is outside 8..{Max} (socket.request.max.bytes)")]
    public static partial void BadFrameSize(ILogger logger, ConnectionInfo connection, int size, int max);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Closing connection {Connection}: unknown API key {ApiKey}")]
    public static partial void UnknownApiKey(ILogger logger, ConnectionInfo connection, short apiKey);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Closing connection {Connection}: {ApiKey} v{Version} is not supported")]
    public static partial void UnsupportedVersion(ILogger logger, ConnectionInfo connection, ApiKey apiKey, short version);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Closing connection {Connection}: malformed {ApiKey} v{Version} request: {Reason}")]
    public static partial void MalformedRequest(ILogger logger, ConnectionInfo connection, ApiKey apiKey, short version, string reason);

    [LoggerMessage(EventId = 104, Level = LogLevel.Error, Message = "Closing connection {Connection}: handler of {ApiKey} v{Version} failed")]
    public static partial void HandlerFailed(ILogger logger, ConnectionInfo connection, ApiKey apiKey, short version, Exception exception);

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning, Message = "Connection {Connection} failed while receiving")]
    public static partial void ReceiveFailed(ILogger logger, ConnectionInfo connection, Exception exception);

    [LoggerMessage(EventId = 108, Level = LogLevel.Warning, Message = "Connection {Connection} failed while sending")]
    public static partial void SendFailed(ILogger logger, ConnectionInfo connection, Exception exception);

    [LoggerMessage(EventId = 106, Level = LogLevel.Debug, Message = "Accepted connection {Connection}")]
    public static partial void Accepted(ILogger logger, ConnectionInfo connection);

    [LoggerMessage(EventId = 107, Level = LogLevel.Warning, Message = "Accept on {Listener} failed")]
    public static partial void AcceptFailed(ILogger logger, string listener, Exception exception);
}
