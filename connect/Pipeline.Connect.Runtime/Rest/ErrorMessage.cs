using System.Text.Json.Serialization;

namespace Pipeline.Connect.Runtime.Rest;

/// <summary>Kafka Connect's error body; <c>error_code</c> is the HTTP status.</summary>
public sealed record ErrorMessage(
    [property: JsonPropertyName("error_code")] int ErrorCode,
    [property: JsonPropertyName("message")] string Message);
