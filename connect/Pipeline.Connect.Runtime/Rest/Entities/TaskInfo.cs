using System.Text.Json.Serialization;
using Pipeline.Connect.Runtime.Herder;

namespace Pipeline.Connect.Runtime.Rest.Entities;

/// <summary><c>{"id":{"connector","task"},"config":{...}}</c>.</summary>
public sealed record TaskInfo(
    [property: JsonPropertyName("id")] ConnectorTaskId Id,
    [property: JsonPropertyName("config")] IReadOnlyDictionary<string, string> Config);
