using System.Text.Json.Serialization;

namespace Pipeline.Connect.Runtime.Rest.Entities;

/// <summary>The answer of config validation: every setting's definition and value with its errors.</summary>
public sealed record ConfigInfos(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("error_count")] int ErrorCount,
    [property: JsonPropertyName("groups")] IReadOnlyList<string> Groups,
    [property: JsonPropertyName("configs")] IReadOnlyList<ConfigInfo> Configs);

/// <summary>One setting: its definition (null when no plugin defines it) and its validated value.</summary>
public sealed record ConfigInfo(
    [property: JsonPropertyName("definition")] ConfigKeyInfo? Definition,
    [property: JsonPropertyName("value")] ConfigValueInfo Value);

/// <summary>A setting's definition; strings as Kafka shows them (type BOOLEAN..PASSWORD, importance HIGH/MEDIUM/LOW, width NONE..LONG).</summary>
public sealed record ConfigKeyInfo(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("required")] bool Required,
    [property: JsonPropertyName("default_value")] string? DefaultValue,
    [property: JsonPropertyName("importance")] string Importance,
    [property: JsonPropertyName("documentation")] string Documentation,
    [property: JsonPropertyName("group")] string? Group,
    [property: JsonPropertyName("width")] string Width,
    [property: JsonPropertyName("display_name")] string DisplayName,
    [property: JsonPropertyName("dependents")] IReadOnlyList<string> Dependents,
    [property: JsonPropertyName("order")] int Order);

/// <summary>A setting's value (as a string, passwords hidden) and what is wrong with it.</summary>
public sealed record ConfigValueInfo(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("value")] string? Value,
    [property: JsonPropertyName("recommended_values")] IReadOnlyList<string> RecommendedValues,
    [property: JsonPropertyName("errors")] IReadOnlyList<string> Errors,
    [property: JsonPropertyName("visible")] bool Visible);
