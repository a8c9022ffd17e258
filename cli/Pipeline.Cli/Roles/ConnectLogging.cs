using Microsoft.Extensions.Logging;
using Pipeline.Connect.Runtime.Rest;

namespace Pipeline.Cli.Roles;

/// <summary>
/// The console logging of a process that runs a Connect worker: every category goes through the
/// worker's <see cref="LoggerLevels"/>, so <c>PUT /admin/loggers/{name}</c> changes what is printed.
/// </summary>
internal static class ConnectLogging
{
    public static (ILoggerFactory Loggers, LoggerLevels Levels) Create(string logLevel)
    {
        var levels = new LoggerLevels(Log4jName(logLevel));

        // ASP.NET's per-request and startup lines drown the worker's own (Kafka's default log4j
        // config quiets its libraries the same way); /admin/loggers can raise them again.
        if (levels.IsEnabled("Microsoft", LogLevel.Information))
        {
            levels.Set("Microsoft.AspNetCore", "WARN");
            levels.Set("Microsoft.Hosting", "WARN");
        }

        var loggers = LoggerFactory.Create(b => b
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
            })
            .SetMinimumLevel(LogLevel.Trace)
            .AddFilter((category, level) => levels.IsEnabled(category, level)));
        return (loggers, levels);
    }

    /// <summary>--log-level takes .NET names (Information) and log4j names (INFO).</summary>
    public static string Log4jName(string logLevel)
    {
        if (LoggerLevels.Normalize(logLevel) is { } log4j)
        {
            return log4j;
        }

        return Enum.TryParse<LogLevel>(logLevel, ignoreCase: true, out var level) ? level switch
        {
            LogLevel.Trace => "TRACE",
            LogLevel.Debug => "DEBUG",
            LogLevel.Warning => "WARN",
            LogLevel.Error => "ERROR",
            LogLevel.Critical => "FATAL",
            LogLevel.None => "OFF",
            _ => "INFO",
        } : "INFO";
    }
}
