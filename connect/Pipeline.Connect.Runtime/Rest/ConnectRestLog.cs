using Microsoft.Extensions.Logging;

namespace Pipeline.Connect.Runtime.Rest;

/// <summary>The REST server's log events (fixed ids, 8300-8399).</summary>
internal static partial class ConnectRestLog
{
    [LoggerMessage(8300, LogLevel.Information, "Connect REST API listening on {Urls}; advertised as {AdvertisedUrl}")]
    public static partial void Listening(ILogger logger, string urls, string advertisedUrl);

    [LoggerMessage(8301, LogLevel.Error, "Unexpected error answering {Method} {Path}")]
    public static partial void Unexpected(ILogger logger, string method, string path, Exception exception);

    [LoggerMessage(8302, LogLevel.Debug, "Forwarding {Method} {Path} to the leader at {Target}")]
    public static partial void Forwarding(ILogger logger, string method, string path, string target);

    [LoggerMessage(8303, LogLevel.Warning, "Forwarding {Method} {Path} to the leader at {Target} failed")]
    public static partial void ForwardFailed(ILogger logger, string method, string path, string target, Exception exception);

    [LoggerMessage(8304, LogLevel.Warning, "{Method} {Path} timed out after {Timeout}")]
    public static partial void TimedOut(ILogger logger, string method, string path, TimeSpan timeout);

    [LoggerMessage(8305, LogLevel.Information, "Set log level {Level} on {Loggers}")]
    public static partial void LevelSet(ILogger logger, string level, string loggers);
}
