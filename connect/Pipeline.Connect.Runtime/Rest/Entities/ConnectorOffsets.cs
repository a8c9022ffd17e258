using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Connect.Runtime.Rest.Entities;

/// <summary>
/// <c>{"offsets":[{"partition":{...},"offset":{...}|null}]}</c>. Sink partitions are
/// <c>{"kafka_topic","kafka_partition"}</c> with offset <c>{"kafka_offset"}</c>; source ones are
/// whatever the connector uses. Kept as JSON so any map shape round-trips.
/// </summary>
public sealed record ConnectorOffsets(
    [property: JsonPropertyName("offsets")] IReadOnlyList<ConnectorOffset> Offsets);

/// <summary>One partition and its offset (null resets it in a PATCH).</summary>
public sealed record ConnectorOffset(
    [property: JsonPropertyName("partition")] JsonElement Partition,
    [property: JsonPropertyName("offset")] JsonElement? Offset);
