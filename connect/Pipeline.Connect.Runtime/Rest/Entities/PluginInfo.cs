using System.Text.Json.Serialization;

namespace Pipeline.Connect.Runtime.Rest.Entities;

/// <summary><c>{"class","type","version"}</c>; type is source, sink, converter, header_converter, transformation or predicate.</summary>
public sealed record PluginInfo(
    [property: JsonPropertyName("class")] string Class,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("version"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Version);
