using System.Text.Json.Serialization;

namespace Pipeline.Connect.Runtime.Rest;

/// <summary><c>GET /health</c>: <c>{"status":"healthy"|"starting"|"unhealthy","message"}</c>.</summary>
public sealed record HealthInfo(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("message")] string Message);
