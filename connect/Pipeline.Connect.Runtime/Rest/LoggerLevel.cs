using System.Text.Json.Serialization;

namespace Pipeline.Connect.Runtime.Rest;

/// <summary><c>{"level":"INFO","last_modified":1700000000000|null}</c>: a logger's level and when it was last set (ms since the epoch).</summary>
public sealed record LoggerLevel(
    [property: JsonPropertyName("level")] string Level,
    [property: JsonPropertyName("last_modified")] long? LastModified);
