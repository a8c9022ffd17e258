namespace Pipeline.Cli.Tools.Produce;

/// <summary>What <c>pipeline produce --output json</c> prints at the end (JSON: topic, records_sent, records_failed, first_error).</summary>
public sealed record ProduceSummary(string Topic, long RecordsSent, long RecordsFailed, string? FirstError);
