using Microsoft.Extensions.Logging;
using Pipeline.Connect.Runtime.Config;
using Pipeline.Connect.Runtime.Errors;
using Pipeline.Connect.Runtime.Herder;

namespace Pipeline.Connect.Runtime.Worker;

/// <summary>The error reporters of a sink task: the log, and the dead letter queue when errors.deadletterqueue.topic.name is set.</summary>
internal static class SinkReporters
{
    public static async Task<IReadOnlyList<IErrorReporter>> CreateAsync(ConnectorTaskId id, ConnectorConfig config, WorkerServices services, ILogger logger, CancellationToken cancellationToken)
    {
        var reporters = new List<IErrorReporter> { new LogReporter(id, config, logger) };
        var clientConfig = services.Config.ProducerConfigs();
        foreach (var (k, v) in config.OriginalsWithPrefix("producer.override."))
        {
            clientConfig[k] = v;
        }

        if (await DeadLetterQueueReporter.CreateAsync(id, config, clientConfig, services.Loggers, cancellationToken).ConfigureAwait(false) is { } dlq)
        {
            reporters.Add(dlq);
        }

        return reporters;
    }
}
