using System.Globalization;
using System.Text;
using Pipeline.Connect.Api.Sink;
using Pipeline.Connect.Api.Source;

namespace Pipeline.Connect.Runtime.Errors;

/// <summary>
/// One record's trip through a task's pipeline: the original record (consumed bytes for a sink,
/// the task's record for a source), the stage and class running now, and the error that stopped
/// it. Create one per record; owned by the task thread processing that record.
/// </summary>
public sealed class ProcessingContext
{
    /// <summary>A context for a record a sink task consumed.</summary>
    public ProcessingContext(ConsumedRecord consumed)
    {
        Consumed = consumed ?? throw new ArgumentNullException(nameof(consumed));
    }

    /// <summary>A context for a record a source task produced.</summary>
    public ProcessingContext(SourceRecord source)
    {
        Source = source ?? throw new ArgumentNullException(nameof(source));
    }

    /// <summary>A context without an original record (e.g. a batch-level operation).</summary>
    public ProcessingContext()
    {
    }

    /// <summary>The record as consumed (sink tasks).</summary>
    public ConsumedRecord? Consumed { get; }

    /// <summary>The record as the source task returned it, before transformations (source tasks).</summary>
    public SourceRecord? Source { get; }

    /// <summary>The stage of the operation running or last run.</summary>
    public Stage Stage { get; internal set; }

    /// <summary>The class of the operation running or last run (the converter, transform or task type).</summary>
    public Type? ExecutingClass { get; internal set; }

    /// <summary>The error that failed the record; null while it has not failed.</summary>
    public Exception? Error { get; internal set; }

    /// <summary>Whether an operation failed for good (the record is skipped or the task fails).</summary>
    public bool Failed => Error is not null;

    /// <summary>Attempts made by the last operation.</summary>
    public int Attempt { get; internal set; }

    /// <summary>
    /// Completes when every reporter (log, dead letter queue) has handled the failure; a faulted
    /// task means a reporter (the DLQ produce) failed. Completed while nothing was reported.
    /// </summary>
    public Task Reported { get; internal set; } = Task.CompletedTask;

    /// <summary>Kafka's description of the context ("Executing stage 'X' with class 'Y'[, where ...].").</summary>
    public string Describe(bool includeMessage)
    {
        var builder = new StringBuilder();
        builder.Append("Executing stage '").Append(Stage.KafkaName(sink: Source is null)).Append("' with class '")
            .Append(ExecutingClass?.FullName ?? "null").Append('\'');
        if (includeMessage && Source is not null)
        {
            builder.Append(", where source record is = ").Append(Source);
        }
        else if (includeMessage && Consumed is { } c)
        {
            builder.Append(", where consumed record is {topic='").Append(c.Topic).Append('\'')
                .Append(", partition=").Append(c.Partition.ToString(CultureInfo.InvariantCulture))
                .Append(", offset=").Append(c.Offset.ToString(CultureInfo.InvariantCulture));
            if (c.TimestampType is TimestampType.CreateTime or TimestampType.LogAppendTime)
            {
                builder.Append(", timestamp=").Append(c.Timestamp.ToString(CultureInfo.InvariantCulture))
                    .Append(", timestampType=").Append(c.TimestampType == TimestampType.CreateTime ? "CreateTime" : "LogAppendTime");
            }

            builder.Append('}');
        }

        builder.Append('.');
        return builder.ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => Describe(includeMessage: false);
}
