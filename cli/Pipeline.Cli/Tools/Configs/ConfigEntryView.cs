namespace Pipeline.Cli.Tools.Configs;

/// <summary>One config of <c>configs describe</c> (JSON: name, value, source, is_default, read_only, sensitive; a sensitive value is null).</summary>
public sealed record ConfigEntryView(string Name, string? Value, string Source, bool IsDefault, bool ReadOnly, bool Sensitive);
