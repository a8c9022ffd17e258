namespace Pipeline.Storage.Config;

/// <summary>
/// One row of a config definition table: key, type, default, validator, documentation and the
/// broker settings that supply the default, in precedence order (first configured wins).
/// </summary>
public sealed record ConfigKey(
    string Name,
    ConfigType Type,
    string? DefaultValue,
    IConfigValidator? Validator,
    string Documentation,
    IReadOnlyList<BrokerSynonym> Synonyms)
{
    public bool IsSensitive => Type == ConfigType.Password;
}
