using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Pipeline.Connect.Runtime.Herder;

namespace Pipeline.Connect.Runtime.Distributed;

/// <summary>
/// Keys and values of the status topic as Kafka Connect writes them (schemaless JSON, fields in
/// Kafka's schema order):
/// <code>
/// status-connector-NAME           {"state":"RUNNING","trace":null,"worker_id":"host:8083","generation":5}
/// status-task-NAME-N              (same)
/// status-topic-TOPIC:connector-NAME  {"topic":{"name":"t","connector":"c","task":0,"discoverTimestamp":1700000000000}}
/// </code>
/// A null value deletes the entry (a destroyed connector or task, a reset topic).
/// </summary>
public static class StatusRecordCodec
{
    public const string ConnectorPrefix = "status-connector-";
    public const string TaskPrefix = "status-task-";
    public const string TopicPrefix = "status-topic-";
    public const string TopicSeparator = ":connector-";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string ConnectorKey(string connector) => ConnectorPrefix + connector;

    public static string TaskKey(ConnectorTaskId id) => $"{TaskPrefix}{id.Connector}-{id.Task}";

    public static string TopicKey(string topic, string connector) => TopicPrefix + topic + TopicSeparator + connector;

    public static byte[] Serialize(StatusRecord status)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("state", status.State);
            if (status.Trace is null)
            {
                w.WriteNull("trace");
            }
            else
            {
                w.WriteString("trace", status.Trace);
            }

            w.WriteString("worker_id", status.WorkerId);
            w.WriteNumber("generation", status.Generation);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Serialize(TopicStatus status)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteStartObject("topic");
            w.WriteString("name", status.Topic);
            w.WriteString("connector", status.Connector);
            w.WriteNumber("task", status.Task);
            w.WriteNumber("discoverTimestamp", status.DiscoverTimestamp);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static StatusRecord ReadStatus(byte[] value)
    {
        var payload = ConfigRecordCodec.Payload(value) ?? throw new FormatException("empty status");
        return new StatusRecord(
            payload.GetProperty("state").GetString() ?? throw new FormatException("no state"),
            payload.TryGetProperty("trace", out var trace) && trace.ValueKind == JsonValueKind.String ? trace.GetString() : null,
            payload.GetProperty("worker_id").GetString() ?? "",
            payload.TryGetProperty("generation", out var generation) && generation.TryGetInt32(out var g) ? g : -1);
    }

    public static TopicStatus ReadTopic(byte[] value)
    {
        var payload = ConfigRecordCodec.Payload(value) ?? throw new FormatException("empty topic status");
        var topic = payload.GetProperty("topic");
        return new TopicStatus(
            topic.GetProperty("name").GetString() ?? "",
            topic.GetProperty("connector").GetString() ?? "",
            topic.GetProperty("task").GetInt32(),
            topic.GetProperty("discoverTimestamp").GetInt64());
    }

    public static bool TryParseTaskKey(string key, out ConnectorTaskId id)
    {
        id = default!;
        var rest = key.AsSpan(TaskPrefix.Length);
        var dash = rest.LastIndexOf('-');
        if (dash <= 0 || !int.TryParse(rest[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var task))
        {
            return false;
        }

        id = new ConnectorTaskId(rest[..dash].ToString(), task);
        return true;
    }

    public static bool TryParseTopicKey(string key, out string topic, out string connector)
    {
        var rest = key[TopicPrefix.Length..];
        var at = rest.IndexOf(TopicSeparator, StringComparison.Ordinal);
        if (at <= 0)
        {
            topic = connector = "";
            return false;
        }

        topic = rest[..at];
        connector = rest[(at + TopicSeparator.Length)..];
        return true;
    }
}
