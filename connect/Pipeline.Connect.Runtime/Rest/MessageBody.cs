using System.Text.Json.Serialization;

namespace Pipeline.Connect.Runtime.Rest;

/// <summary><c>{"message":"..."}</c>: the answer of offset changes.</summary>
public sealed record MessageBody([property: JsonPropertyName("message")] string Message);
