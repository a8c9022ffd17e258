namespace Pipeline.Cli.Tools.Configs;

/// <summary>A resource of <c>configs describe</c> (JSON: entity_type, entity_name, configs).</summary>
public sealed record ConfigResourceView(string EntityType, string EntityName, IReadOnlyList<ConfigEntryView> Configs);
