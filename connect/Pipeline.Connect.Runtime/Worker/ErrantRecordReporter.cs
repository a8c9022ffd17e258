using Pipeline.Connect.Api.Sink;
using Pipeline.Connect.Runtime.Errors;

namespace Pipeline.Connect.Runtime.Worker;

/// <summary>
/// What a sink task gets as <see cref="ISinkTaskContext.ErrantRecordReporter"/>: the failed record
/// goes through the connector's error handling (log, dead letter queue with the original bytes)
/// as a TASK_PUT failure; with errors.tolerance=none the report throws and the task fails.
/// </summary>
internal sealed class ErrantRecordReporter(RetryWithToleranceOperator op, Type taskType, Func<SinkRecord, ConsumedRecord?> original) : IErrantRecordReporter
{
    public Task ReportAsync(SinkRecord record, Exception error)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(error);
        var consumed = original(record) ?? new ConsumedRecord(record.OriginalTopic, record.OriginalKafkaPartition, record.OriginalKafkaOffset, record.Timestamp ?? -1, null, null, []);
        var ctx = new ProcessingContext(consumed);
        return op.ExecuteFailed(ctx, Stage.TaskPut, taskType, error);
    }
}
