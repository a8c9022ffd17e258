namespace Pipeline.Cli.Tools.Topics;

/// <summary>What create, delete and alter did to one topic (JSON: topic, result, error); result is created, exists, deleted, absent, altered or failed.</summary>
public sealed record TopicOutcome(string Topic, string Result, string? Error = null);
