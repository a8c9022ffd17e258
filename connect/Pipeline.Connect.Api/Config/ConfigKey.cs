namespace Pipeline.Connect.Api.Config;

/// <summary>The definition of one setting.</summary>
/// <param name="Name">The setting's name.</param>
/// <param name="Type">Its type.</param>
/// <param name="DefaultValue">The parsed default; meaningless when <paramref name="HasDefault"/> is false.</param>
/// <param name="HasDefault">False for a required setting.</param>
/// <param name="Validator">Checks values, if any.</param>
/// <param name="Importance">How much users care.</param>
/// <param name="Documentation">What it does.</param>
/// <param name="Group">A UI group, if any.</param>
/// <param name="OrderInGroup">Position in the group (-1 when none).</param>
/// <param name="Width">A UI width hint.</param>
/// <param name="DisplayName">A UI label.</param>
/// <param name="Dependents">Settings whose validity depends on this one.</param>
public sealed record ConfigKey(
    string Name,
    ConfigType Type,
    object? DefaultValue,
    bool HasDefault,
    IConfigValidator? Validator,
    Importance Importance,
    string Documentation,
    string? Group,
    int OrderInGroup,
    ConfigWidth Width,
    string DisplayName,
    IReadOnlyList<string> Dependents);
