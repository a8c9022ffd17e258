using System.Buffers;
using System.Text;
using System.Text.Json;
using Pipeline.Client;
using Pipeline.Client.Admin;
using Pipeline.Connect.Runtime.Herder;
using Pipeline.Connect.Runtime.Rest.Entities;
using Pipeline.Protocol;

namespace Pipeline.Connect.Runtime.Distributed;

/// <summary>
/// The offsets endpoints (KIP-875): source offsets live in offset.storage.topic under keys
/// <c>["connector",{partition}]</c>; sink offsets are the commits of consumer group
/// <c>connect-NAME</c> (or consumer.override.group.id). Altering and resetting need a STOPPED
/// connector and are done by the leader.
/// </summary>
public sealed partial class DistributedHerder
{
    private const string FrameworkAltered = "The Connect framework-managed offsets for this connector have been altered successfully. However, if this connector manages offsets externally, they will need to be manually altered in the system that the connector uses.";
    private const string FrameworkReset = "The Connect framework-managed offsets for this connector have been reset successfully. However, if this connector manages offsets externally, they will need to be manually reset in the system that the connector uses.";
    private const string SinkAltered = "The offsets for this connector have been altered successfully";
    private const string SinkReset = "The offsets for this connector have been reset successfully";

    public async Task<ConnectorOffsets> ConnectorOffsetsAsync(string connector, CancellationToken cancellationToken)
    {
        var config = _configs.Snapshot().ConnectorConfig(connector) ?? throw NotFound(connector);
        var offsets = new List<ConnectorOffset>();
        if (_worker.ConnectorTypeOf(config) == ConnectorType.Sink)
        {
            var admin = _admin ?? throw new InvalidOperationException("the herder is not started");
            var committed = await admin.ListConsumerGroupOffsetsAsync(SinkGroup(connector, config), cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var c in committed.Where(c => c.Offset >= 0).OrderBy(c => c.TopicPartition.Topic, StringComparer.Ordinal).ThenBy(c => c.TopicPartition.Partition))
            {
                offsets.Add(new ConnectorOffset(
                    Element(w => { w.WriteString("kafka_topic", c.TopicPartition.Topic); w.WriteNumber("kafka_partition", c.TopicPartition.Partition); }),
                    Element(w => w.WriteNumber("kafka_offset", c.Offset))));
            }

            return new ConnectorOffsets(offsets);
        }

        foreach (var (key, value) in await _offsets.AllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (TryParseOffsetKey(key, out var name, out var partition) && name == connector)
            {
                using var parsed = JsonDocument.Parse(value);
                offsets.Add(new ConnectorOffset(partition, parsed.RootElement.Clone()));
            }
        }

        return new ConnectorOffsets(offsets);
    }

    public async Task<string> AlterConnectorOffsetsAsync(string connector, ConnectorOffsets offsets, CancellationToken cancellationToken)
    {
        var config = RequireStoppedOnLeader(connector);
        if (offsets.Offsets.Count == 0)
        {
            throw ConnectRestException.BadRequest("The offsets to be modified must not be null or empty");
        }

        if (_worker.ConnectorTypeOf(config) == ConnectorType.Sink)
        {
            var admin = _admin ?? throw new InvalidOperationException("the herder is not started");
            var group = SinkGroup(connector, config);
            var alter = new List<TopicPartitionOffset>();
            var remove = new List<TopicPartition>();
            foreach (var entry in offsets.Offsets)
            {
                var tp = SinkPartition(entry.Partition);
                if (entry.Offset is { ValueKind: JsonValueKind.Object } offset && offset.TryGetProperty("kafka_offset", out var value) && value.TryGetInt64(out var position))
                {
                    alter.Add(new TopicPartitionOffset(tp, position));
                }
                else if (entry.Offset is null or { ValueKind: JsonValueKind.Null })
                {
                    remove.Add(tp);
                }
                else
                {
                    throw ConnectRestException.BadRequest("Sink connector offsets must have a 'kafka_offset' key with a non-negative integer value");
                }
            }

            if (alter.Count > 0)
            {
                await admin.AlterConsumerGroupOffsetsAsync(group, alter, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            if (remove.Count > 0)
            {
                await admin.DeleteConsumerGroupOffsetsAsync(group, remove, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            return SinkAltered;
        }

        var entries = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var entry in offsets.Offsets)
        {
            if (entry.Partition.ValueKind != JsonValueKind.Object)
            {
                throw ConnectRestException.BadRequest("Source partitions must be JSON objects");
            }

            entries[OffsetKey(connector, entry.Partition)] = entry.Offset is { ValueKind: not JsonValueKind.Null } offset ? Text(offset) : null;
        }

        await _offsets.SetAsync(entries, cancellationToken).ConfigureAwait(false);
        return FrameworkAltered;
    }

    public async Task<string> ResetConnectorOffsetsAsync(string connector, CancellationToken cancellationToken)
    {
        var config = RequireStoppedOnLeader(connector);
        if (_worker.ConnectorTypeOf(config) == ConnectorType.Sink)
        {
            var admin = _admin ?? throw new InvalidOperationException("the herder is not started");
            try
            {
                await admin.DeleteGroupsAsync([SinkGroup(connector, config)], cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (AdminOperationException<GroupReport> e) when (e.Code == ErrorCode.GroupIdNotFound)
            {
            }

            return SinkReset;
        }

        var entries = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var key in (await _offsets.AllAsync(cancellationToken).ConfigureAwait(false)).Keys)
        {
            if (TryParseOffsetKey(key, out var name, out _) && name == connector)
            {
                entries[key] = null;
            }
        }

        await _offsets.SetAsync(entries, cancellationToken).ConfigureAwait(false);
        return FrameworkReset;
    }

    private IReadOnlyDictionary<string, string> RequireStoppedOnLeader(string connector)
    {
        RequireLeader("Only the leader can modify connector offsets.");
        var snapshot = _configs.Snapshot();
        var config = snapshot.ConnectorConfig(connector) ?? throw NotFound(connector);
        if (snapshot.TargetState(connector) != TargetState.Stopped || snapshot.TaskCount(connector) != 0)
        {
            throw ConnectRestException.BadRequest($"Connectors must be in the STOPPED state before their offsets can be modified. This can be done for the specified connector by issuing a 'PUT' request to the '/connectors/{connector}/stop' endpoint");
        }

        return config;
    }

    private static string SinkGroup(string connector, IReadOnlyDictionary<string, string> config) =>
        config.TryGetValue("consumer.override.group.id", out var group) && !string.IsNullOrEmpty(group) ? group : "connect-" + connector;

    private static TopicPartition SinkPartition(JsonElement partition)
    {
        if (partition.ValueKind == JsonValueKind.Object
            && partition.TryGetProperty("kafka_topic", out var topic) && topic.ValueKind == JsonValueKind.String
            && partition.TryGetProperty("kafka_partition", out var number) && number.TryGetInt32(out var p))
        {
            return new TopicPartition(topic.GetString()!, p);
        }

        throw ConnectRestException.BadRequest("Sink connector partitions must have 'kafka_topic' and 'kafka_partition' keys");
    }

    /// <summary>The offset-topic key <c>["connector",{partition}]</c>, written compactly.</summary>
    internal static string OffsetKey(string connector, JsonElement partition)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartArray();
            w.WriteStringValue(connector);
            partition.WriteTo(w);
            w.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    internal static bool TryParseOffsetKey(string key, out string connector, out JsonElement partition)
    {
        connector = "";
        partition = default;
        try
        {
            using var document = JsonDocument.Parse(key);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() != 2 || root[0].ValueKind != JsonValueKind.String)
            {
                return false;
            }

            connector = root[0].GetString()!;
            partition = root[1].Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Text(JsonElement element)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            element.WriteTo(w);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static JsonElement Element(Action<Utf8JsonWriter> fields)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            fields(w);
            w.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
