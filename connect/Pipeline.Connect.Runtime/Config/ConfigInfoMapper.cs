using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Runtime.Rest.Entities;

namespace Pipeline.Connect.Runtime.Config;

/// <summary>ConfigDef keys and validated values in the REST shapes (strings as Kafka shows them).</summary>
public static class ConfigInfoMapper
{
    /// <summary>A definition as <c>GET /connector-plugins/{plugin}/config</c> and validate show it.</summary>
    public static ConfigKeyInfo ToInfo(ConfigKey key) => new(
        key.Name,
        key.Type.ToString().ToUpperInvariant(),
        !key.HasDefault,
        key.HasDefault ? ToText(key.DefaultValue) : null,
        key.Importance.ToString().ToUpperInvariant(),
        key.Documentation,
        key.Group,
        key.Width.ToString().ToUpperInvariant(),
        key.DisplayName,
        key.Dependents,
        key.OrderInGroup);

    /// <summary>A validated value.</summary>
    public static ConfigValueInfo ToInfo(ConfigValue value) => new(
        value.Name,
        ToText(value.Value),
        [.. value.RecommendedValues.Select(ToText).OfType<string>()],
        value.ErrorMessages,
        value.Visible);

    /// <summary>Strings as Kafka's REST answers have them: lists comma-joined, passwords hidden.</summary>
    public static string? ToText(object? value) => value switch
    {
        Password => Password.Hidden,
        _ => ConfigDef.ConvertToString(value),
    };
}
