using Microsoft.Extensions.Logging;
using Pipeline.Connect.Runtime.Config;
using Pipeline.Connect.Runtime.Herder;

namespace Pipeline.Connect.Runtime.Errors;

/// <summary>Logs failed records at ERROR when <c>errors.log.enable</c>; with <c>errors.log.include.messages</c> the record's coordinates too.</summary>
public sealed class LogReporter : IErrorReporter
{
    private readonly ConnectorTaskId _id;
    private readonly bool _enabled;
    private readonly bool _includeMessages;
    private readonly ILogger _logger;
    private long _logged;

    /// <summary>A reporter for task <paramref name="id"/> with the connector's <c>errors.log.*</c> settings.</summary>
    public LogReporter(ConnectorTaskId id, ConnectorConfig config, ILogger logger)
        : this(id, config.ErrorsLogEnable, config.ErrorsLogIncludeMessages, logger)
    {
    }

    /// <summary>A reporter with explicit settings.</summary>
    public LogReporter(ConnectorTaskId id, bool enabled, bool includeMessages, ILogger logger)
    {
        _id = id;
        _enabled = enabled;
        _includeMessages = includeMessages;
        _logger = logger;
    }

    /// <summary>How many errors were logged.</summary>
    public long Logged => Interlocked.Read(ref _logged);

    /// <summary>The log line for <paramref name="context"/>.</summary>
    public string Message(ProcessingContext context) => $"Error encountered in task {_id}. {context.Describe(_includeMessages)}";

    /// <inheritdoc/>
    public Task ReportAsync(ProcessingContext context)
    {
        if (!_enabled)
        {
            return Task.CompletedTask;
        }

        Interlocked.Increment(ref _logged);
        _logger.LogError(context.Error, "{ErrorMessage}", Message(context));
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}
