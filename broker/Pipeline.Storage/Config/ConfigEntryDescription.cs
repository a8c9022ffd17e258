namespace Pipeline.Storage.Config;

/// <summary>
/// The effective value of one topic config as DescribeConfigs reports it: the value (in the topic
/// key's unit, null when sensitive), where it came from, and the synonym chain from the topic
/// override down to the default.
/// </summary>
public sealed record ConfigEntryDescription(
    string Name,
    string? Value,
    ConfigSource Source,
    bool IsSensitive,
    bool IsReadOnly,
    ConfigType Type,
    string Documentation,
    IReadOnlyList<ConfigSynonym> Synonyms);
