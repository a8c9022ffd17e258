namespace Pipeline.Cli.Tools.Configs;

/// <summary>What <c>configs alter --output json</c> prints (JSON: entity_type, entity_name, result = altered|failed, error).</summary>
public sealed record ConfigAlterOutcome(string EntityType, string EntityName, string Result, string? Error);
