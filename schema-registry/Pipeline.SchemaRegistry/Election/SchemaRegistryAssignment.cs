using System.Text.Json;

namespace Pipeline.SchemaRegistry.Election;

/// <summary>
/// The election's result, the same for every member (Confluent's SchemaRegistryProtocol.Assignment):
/// <c>{"version":1,"error":0,"master":memberId,"master_identity":{...}}</c>; no primary leaves out
/// both; error 1 means two members advertise the same URL.
/// </summary>
public sealed record SchemaRegistryAssignment(short Error, string? LeaderMemberId, SchemaRegistryIdentity? LeaderIdentity)
{
    public const short NoError = 0;
    public const short DuplicateUrls = 1;

    public byte[] ToJsonBytes()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(192);
        using (var w = new Utf8JsonWriter(buffer, JsonDefaults.Writer))
        {
            w.WriteStartObject();
            w.WriteNumber("version", 1);
            w.WriteNumber("error", Error);
            if (LeaderMemberId is not null)
            {
                w.WriteString("master", LeaderMemberId);
            }

            if (LeaderIdentity is not null)
            {
                w.WritePropertyName("master_identity");
                LeaderIdentity.Write(w);
            }

            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static SchemaRegistryAssignment? FromJson(ReadOnlySpan<byte> bytes)
    {
        try
        {
            using var doc = JsonDocument.Parse(bytes.ToArray());
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var error = root.TryGetProperty("error", out var e) && e.TryGetInt16(out var code) ? code : NoError;
            var leader = root.TryGetProperty("master", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            var identity = root.TryGetProperty("master_identity", out var i) ? SchemaRegistryIdentity.FromJson(i) : null;
            return new SchemaRegistryAssignment(error, leader, identity);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
