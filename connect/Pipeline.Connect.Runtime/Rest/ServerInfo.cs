using System.Text.Json.Serialization;

namespace Pipeline.Connect.Runtime.Rest;

/// <summary><c>GET /</c>: <c>{"version","commit","kafka_cluster_id"}</c>.</summary>
public sealed record ServerInfo(
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("commit")] string Commit,
    [property: JsonPropertyName("kafka_cluster_id")] string KafkaClusterId);
