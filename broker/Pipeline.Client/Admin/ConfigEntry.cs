namespace Pipeline.Client.Admin;

/// <summary>One described config. Sensitive values are null.</summary>
public sealed record ConfigEntry(
    string Name,
    string? Value,
    ConfigSource Source,
    bool IsDefault,
    bool IsReadOnly,
    bool IsSensitive,
    IReadOnlyList<ConfigSynonym> Synonyms,
    ConfigEntryType Type,
    string? Documentation);
