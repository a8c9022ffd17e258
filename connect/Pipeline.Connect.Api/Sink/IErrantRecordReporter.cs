namespace Pipeline.Connect.Api.Sink;

/// <summary>
/// Lets a sink task hand over a record it cannot write, following the connector's error settings
/// (<c>errors.tolerance</c>, the dead letter queue, error logging). With <c>errors.tolerance=none</c>
/// reporting fails the task.
/// </summary>
public interface IErrantRecordReporter
{
    /// <summary>Reports <paramref name="record"/> as failed with <paramref name="error"/>; completes when the report is durable (e.g. written to the DLQ).</summary>
    Task ReportAsync(SinkRecord record, Exception error);
}
