namespace Pipeline.Client.Config;

/// <summary>One declared setting: Kafka's name, type, default (in its string form; null = no default) and doc.</summary>
public sealed record ConfigKey(string Name, ConfigValueType Type, string? DefaultValue, string Documentation, ConfigValidator? Validator = null)
{
    /// <summary>True when the key must be given (it has no default).</summary>
    public bool IsRequired => DefaultValue is null;
}
