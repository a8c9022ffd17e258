using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Pipeline.Connect.Runtime.Herder;

namespace Pipeline.Connect.Runtime.Distributed;

/// <summary>
/// Keys and values of the config topic, as Kafka Connect writes them. Keys are plain strings
/// (<c>connector-NAME</c>, <c>task-NAME-N</c>, <c>commit-NAME</c>, <c>target-state-NAME</c>,
/// <c>restart-connector-NAME</c>, <c>session-key</c>). Values are the JSON of Kafka's structs as
/// its internal JsonConverter writes them: compact, fields in schema order, and without the
/// schema envelope (Kafka's worker runs its internal converter with schemas.enable=false):
/// <code>
/// connector-/task-      {"properties":{"k":"v",...}}
/// commit-               {"tasks":3}
/// target-state-         {"state":"PAUSED","state.v2":"STOPPED"}   (state: STOPPED written as PAUSED for old workers)
/// restart-connector-    {"include-tasks":true,"only-failed":false}
/// session-key           {"key":"base64","algorithm":"HmacSHA256","creation-timestamp":1700000000000}
/// </code>
/// Reading also accepts the enveloped form <c>{"schema":...,"payload":...}</c> (schemas.enable=true).
/// </summary>
public static class ConfigRecordCodec
{
    public const string ConnectorPrefix = "connector-";
    public const string TaskPrefix = "task-";
    public const string CommitPrefix = "commit-";
    public const string TargetStatePrefix = "target-state-";
    public const string RestartPrefix = "restart-connector-";
    public const string SessionKeyKey = "session-key";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string ConnectorKey(string connector) => ConnectorPrefix + connector;

    public static string TaskKey(ConnectorTaskId id) => $"{TaskPrefix}{id.Connector}-{id.Task}";

    public static string CommitKey(string connector) => CommitPrefix + connector;

    public static string TargetStateKey(string connector) => TargetStatePrefix + connector;

    public static string RestartKey(string connector) => RestartPrefix + connector;

    public static byte[] SerializeProperties(IReadOnlyDictionary<string, string> properties) => Write(w =>
    {
        w.WriteStartObject("properties");
        foreach (var (k, v) in properties)
        {
            w.WriteString(k, v);
        }

        w.WriteEndObject();
    });

    public static byte[] SerializeCommit(int tasks) => Write(w => w.WriteNumber("tasks", tasks));

    public static byte[] SerializeTargetState(TargetState state) => Write(w =>
    {
        w.WriteString("state", state == TargetState.Stopped ? "PAUSED" : Name(state));
        w.WriteString("state.v2", Name(state));
    });

    public static byte[] SerializeRestart(RestartRequest request) => Write(w =>
    {
        w.WriteBoolean("include-tasks", request.IncludeTasks);
        w.WriteBoolean("only-failed", request.OnlyFailed);
    });

    public static byte[] SerializeSessionKey(SessionKey key) => Write(w =>
    {
        w.WriteString("key", Convert.ToBase64String(key.Key));
        w.WriteString("algorithm", key.Algorithm);
        w.WriteNumber("creation-timestamp", key.CreationTimestamp);
    });

    /// <summary>The struct a value holds (the payload of an envelope), or null for a tombstone.</summary>
    public static JsonElement? Payload(byte[]? value)
    {
        if (value is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(value);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("payload", out var payload) && root.TryGetProperty("schema", out _))
        {
            root = payload;
        }

        return root.ValueKind == JsonValueKind.Null ? null : root.Clone();
    }

    public static Dictionary<string, string> ReadProperties(JsonElement payload)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!payload.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("no properties map");
        }

        foreach (var property in properties.EnumerateObject())
        {
            // Kafka's map allows null values; a config can't hold them, so they read as absent.
            if (property.Value.ValueKind == JsonValueKind.String)
            {
                result[property.Name] = property.Value.GetString()!;
            }
            else if (property.Value.ValueKind != JsonValueKind.Null)
            {
                result[property.Name] = property.Value.GetRawText();
            }
        }

        return result;
    }

    public static int ReadCommit(JsonElement payload) =>
        payload.TryGetProperty("tasks", out var tasks) && tasks.TryGetInt32(out var n) ? n : throw new FormatException("no tasks count");

    public static TargetState ReadTargetState(JsonElement payload)
    {
        var text = payload.TryGetProperty("state.v2", out var v2) && v2.ValueKind == JsonValueKind.String
            ? v2.GetString()
            : payload.TryGetProperty("state", out var v1) && v1.ValueKind == JsonValueKind.String ? v1.GetString() : null;
        return text switch
        {
            "STARTED" => TargetState.Started,
            "PAUSED" => TargetState.Paused,
            "STOPPED" => TargetState.Stopped,
            _ => throw new FormatException($"unknown target state {text}"),
        };
    }

    public static RestartRequest ReadRestart(string connector, JsonElement payload) => new(
        connector,
        payload.TryGetProperty("only-failed", out var onlyFailed) && onlyFailed.ValueKind == JsonValueKind.True,
        payload.TryGetProperty("include-tasks", out var includeTasks) && includeTasks.ValueKind == JsonValueKind.True);

    public static SessionKey ReadSessionKey(JsonElement payload) => new(
        Convert.FromBase64String(payload.GetProperty("key").GetString() ?? ""),
        payload.GetProperty("algorithm").GetString() ?? "HmacSHA256",
        payload.GetProperty("creation-timestamp").GetInt64());

    /// <summary>Splits <c>task-NAME-N</c> (the connector name may itself contain dashes: the number follows the last one).</summary>
    public static bool TryParseTaskKey(string key, out ConnectorTaskId id)
    {
        id = default!;
        var rest = key.AsSpan(TaskPrefix.Length);
        var dash = rest.LastIndexOf('-');
        if (dash <= 0 || !int.TryParse(rest[(dash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var task))
        {
            return false;
        }

        id = new ConnectorTaskId(rest[..dash].ToString(), task);
        return true;
    }

    public static string Name(TargetState state) => state switch
    {
        TargetState.Paused => "PAUSED",
        TargetState.Stopped => "STOPPED",
        _ => "STARTED",
    };

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
