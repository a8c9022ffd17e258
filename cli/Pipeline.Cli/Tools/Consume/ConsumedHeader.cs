namespace Pipeline.Cli.Tools.Consume;

/// <summary>A header of a consumed record (JSON: key, value; value null for a Kafka null).</summary>
public sealed record ConsumedHeader(string Key, string? Value);
