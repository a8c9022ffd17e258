using Microsoft.Extensions.Logging;

namespace Pipeline.Connect.Runtime.Tests.Distributed;

/// <summary>Appends log lines (Information and up) to one file: what the workers of a failed distributed run did.</summary>
internal sealed class FileLoggerProvider(string path, string prefix) : ILoggerProvider
{
    private static readonly Lock Gate = new();

    public ILogger CreateLogger(string categoryName) => new FileLogger(path, prefix, categoryName);

    public void Dispose()
    {
    }

    private sealed class FileLogger(string path, string prefix, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var line = $"{DateTime.UtcNow:HH:mm:ss.fff} {prefix} {logLevel} {category}: {formatter(state, exception)}{(exception is null ? string.Empty : " " + exception)}\n";
            lock (Gate)
            {
                File.AppendAllText(path, line);
            }
        }
    }
}
