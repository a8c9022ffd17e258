using System.Text.Json.Serialization;
using Pipeline.Connect.Runtime.Herder;

namespace Pipeline.Connect.Runtime.Rest.Entities;

/// <summary><c>{"name","config","tasks":[{"connector","task"}],"type"}</c>.</summary>
public sealed record ConnectorInfo(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("config")] IReadOnlyDictionary<string, string> Config,
    [property: JsonPropertyName("tasks")] IReadOnlyList<ConnectorTaskId> Tasks,
    [property: JsonPropertyName("type")] string Type);
