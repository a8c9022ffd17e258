using System.Globalization;
using System.Text.Json;

namespace Pipeline.SchemaRegistry.Election;

/// <summary>
/// An instance in the election: its member metadata in Confluent's JSON,
/// <c>{"version":1,"host":h,"port":p,"master_eligibility":true,"scheme":"http","leader":false}</c>.
/// Instances forward writes to <see cref="Url"/>.
/// </summary>
public sealed record SchemaRegistryIdentity(string Host, int Port, bool LeaderEligibility, string Scheme = "http")
{
    public const int CurrentVersion = 1;

    public string Url => $"{Scheme}://{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

    public byte[] ToJsonBytes()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(128);
        using (var w = new Utf8JsonWriter(buffer, JsonDefaults.Writer))
        {
            Write(w);
        }

        return buffer.WrittenSpan.ToArray();
    }

    internal void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteNumber("version", CurrentVersion);
        w.WriteString("host", Host);
        w.WriteNumber("port", Port);
        w.WriteBoolean("master_eligibility", LeaderEligibility);
        w.WriteString("scheme", Scheme);
        w.WriteBoolean("leader", false);
        w.WriteEndObject();
    }

    /// <summary>Reads an identity (unknown members ignored); null when it is not one.</summary>
    public static SchemaRegistryIdentity? FromJson(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object
            || !e.TryGetProperty("host", out var host) || host.ValueKind != JsonValueKind.String
            || !e.TryGetProperty("port", out var port) || !port.TryGetInt32(out var portNumber))
        {
            return null;
        }

        var eligible = !e.TryGetProperty("master_eligibility", out var m) || m.ValueKind != JsonValueKind.False;
        var scheme = e.TryGetProperty("scheme", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "http";
        return new SchemaRegistryIdentity(host.GetString()!, portNumber, eligible, scheme);
    }

    public static SchemaRegistryIdentity? FromJson(ReadOnlySpan<byte> bytes)
    {
        try
        {
            using var doc = JsonDocument.Parse(bytes.ToArray());
            return FromJson(doc.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
