using System.Text.Json;
using Pipeline.Client;
using Pipeline.Client.Admin;
using Pipeline.Connect.Api.Connectors;
using Pipeline.Connect.Api.Sink;
using Pipeline.Connect.Api.Source;
using Pipeline.Connect.Runtime.Config;
using Pipeline.Connect.Runtime.Herder;
using Pipeline.Connect.Runtime.Plugins;
using Pipeline.Connect.Runtime.Rest.Entities;
using Pipeline.Protocol;
using ApiTopicPartition = Pipeline.Connect.Api.TopicPartition;

namespace Pipeline.Connect.Runtime.Worker;

/// <summary>
/// The offsets REST operations of Kafka's Worker: source offsets live in the offset store under
/// <c>["connector",{partition}]</c>; sink offsets are the committed offsets of consumer group
/// <c>connect-{connector}</c>, shown as <c>{"kafka_topic","kafka_partition"}</c> / <c>{"kafka_offset"}</c>.
/// </summary>
internal sealed class WorkerOffsets(WorkerServices services)
{
    public const string KafkaTopicKey = "kafka_topic";
    public const string KafkaPartitionKey = "kafka_partition";
    public const string KafkaOffsetKey = "kafka_offset";

    public async Task<ConnectorOffsets> GetAsync(string name, IReadOnlyDictionary<string, string> connectorConfig, CancellationToken cancellationToken)
    {
        var result = new List<ConnectorOffset>();
        if (IsSink(connectorConfig))
        {
            IReadOnlyList<CommittedOffset> committed;
            try
            {
                committed = await services.Admin.ListConsumerGroupOffsetsAsync(SinkGroup(name), cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (KafkaException e) when (e.Code is ErrorCode.GroupIdNotFound)
            {
                committed = [];
            }

            foreach (var c in committed.Where(c => c.Offset >= 0).OrderBy(c => c.TopicPartition.Topic, StringComparer.Ordinal).ThenBy(c => c.TopicPartition.Partition))
            {
                result.Add(new ConnectorOffset(
                    OffsetJson.ToElement(new Dictionary<string, object?> { [KafkaTopicKey] = c.TopicPartition.Topic, [KafkaPartitionKey] = c.TopicPartition.Partition }),
                    OffsetJson.ToElement(new Dictionary<string, object?> { [KafkaOffsetKey] = c.Offset })));
            }

            return new ConnectorOffsets(result);
        }

        var all = await services.OffsetStore.AllAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (key, value) in all.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (OffsetJson.TryParseKey(key, out var connector, out var partition) && connector == name && OffsetJson.ParseMap(value) is { } offset)
            {
                result.Add(new ConnectorOffset(OffsetJson.ToElement(partition), OffsetJson.ToElement(offset)));
            }
        }

        return new ConnectorOffsets(result);
    }

    public async Task<string> ModifyAsync(string name, IReadOnlyDictionary<string, string> connectorConfig, ConnectorOffsets? offsets, CancellationToken cancellationToken)
    {
        var config = new ConnectorConfig(services.Plugins, connectorConfig, services.Config.Originals);
        var connector = services.Plugins.NewInstance<Connector>(config.Connector);
        bool managedByConnector;
        if (connector is SinkConnector sink)
        {
            var parsed = offsets is null ? await CurrentSinkPartitionsAsync(name, cancellationToken).ConfigureAwait(false) : ParseSinkOffsets(offsets);
            managedByConnector = CallConnector(() => sink.AlterOffsets(connectorConfig, parsed));
            await ApplySinkAsync(name, parsed, reset: offsets is null, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var source = (SourceConnector)connector;
            var parsed = offsets is null ? await CurrentSourcePartitionsAsync(name, cancellationToken).ConfigureAwait(false) : ParseSourceOffsets(offsets);
            managedByConnector = CallConnector(() => source.AlterOffsets(connectorConfig, parsed));
            var entries = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var (partition, offset) in parsed)
            {
                entries[OffsetJson.Key(name, partition)] = OffsetJson.Map(offset);
            }

            if (entries.Count > 0)
            {
                await services.OffsetStore.SetAsync(entries, cancellationToken).ConfigureAwait(false);
            }
        }

        var verb = offsets is null ? "reset" : "altered";
        return managedByConnector
            ? $"The offsets for this connector have been {verb} successfully"
            : $"The Connect framework-managed offsets for this connector have been {verb} successfully. However, if this connector manages offsets externally, they will need to be manually {verb} in the system that the connector uses.";
    }

    private static bool CallConnector(Func<bool> call)
    {
        try
        {
            return call();
        }
        catch (Exception e)
        {
            throw new ConnectRestException(400, "Failed to alter offsets for connector: " + e.Message, e);
        }
    }

    private bool IsSink(IReadOnlyDictionary<string, string> connectorConfig) =>
        connectorConfig.TryGetValue(ConnectorConfigNames.ConnectorClass, out var cls) && services.Plugins.ResolveConnector(cls).Kind == PluginKind.Sink;

    private static string SinkGroup(string name) => "connect-" + name;

    private async Task<Dictionary<ApiTopicPartition, long?>> CurrentSinkPartitionsAsync(string name, CancellationToken cancellationToken)
    {
        IReadOnlyList<CommittedOffset> committed;
        try
        {
            committed = await services.Admin.ListConsumerGroupOffsetsAsync(SinkGroup(name), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (KafkaException e) when (e.Code is ErrorCode.GroupIdNotFound)
        {
            committed = [];
        }

        return committed.Where(c => c.Offset >= 0).ToDictionary(c => new ApiTopicPartition(c.TopicPartition.Topic, c.TopicPartition.Partition), _ => (long?)null);
    }

    private async Task<List<KeyValuePair<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?>>> CurrentSourcePartitionsAsync(string name, CancellationToken cancellationToken)
    {
        var all = await services.OffsetStore.AllAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<KeyValuePair<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?>>();
        foreach (var key in all.Keys)
        {
            if (OffsetJson.TryParseKey(key, out var connector, out var partition) && connector == name)
            {
                result.Add(new(partition, null));
            }
        }

        return result;
    }

    private static Dictionary<ApiTopicPartition, long?> ParseSinkOffsets(ConnectorOffsets offsets)
    {
        var result = new Dictionary<ApiTopicPartition, long?>();
        foreach (var entry in offsets.Offsets)
        {
            var partition = entry.Partition;
            if (partition.ValueKind != JsonValueKind.Object
                || !partition.TryGetProperty(KafkaTopicKey, out var topic) || topic.ValueKind != JsonValueKind.String
                || !partition.TryGetProperty(KafkaPartitionKey, out var part) || !TryInt(part, out var partitionNumber))
            {
                throw ConnectRestException.BadRequest($"The partition for a sink connector offset must contain the keys '{KafkaTopicKey}' and '{KafkaPartitionKey}', with a string topic and an integer partition");
            }

            if (partitionNumber < 0)
            {
                throw ConnectRestException.BadRequest("Kafka partitions must be greater than or equal to 0");
            }

            long? offset = null;
            if (entry.Offset is { ValueKind: not JsonValueKind.Null } o)
            {
                if (o.ValueKind != JsonValueKind.Object || !o.TryGetProperty(KafkaOffsetKey, out var off) || off.ValueKind != JsonValueKind.Number || !off.TryGetInt64(out var value))
                {
                    throw ConnectRestException.BadRequest($"The offset for a sink connector must contain the key '{KafkaOffsetKey}' with an integer offset");
                }

                if (value < 0)
                {
                    throw ConnectRestException.BadRequest("Kafka offsets must be greater than or equal to 0");
                }

                offset = value;
            }

            result[new ApiTopicPartition(topic.GetString()!, partitionNumber)] = offset;
        }

        return result;
    }

    private static bool TryInt(JsonElement e, out int value)
    {
        value = 0;
        return e.ValueKind switch
        {
            JsonValueKind.Number => e.TryGetInt32(out value),
            JsonValueKind.String => int.TryParse(e.GetString(), System.Globalization.CultureInfo.InvariantCulture, out value),
            _ => false,
        };
    }

    private static List<KeyValuePair<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?>> ParseSourceOffsets(ConnectorOffsets offsets)
    {
        var result = new List<KeyValuePair<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?>>();
        foreach (var entry in offsets.Offsets)
        {
            if (entry.Partition.ValueKind != JsonValueKind.Object)
            {
                throw ConnectRestException.BadRequest("Source partitions must be JSON objects");
            }

            IReadOnlyDictionary<string, object?>? offset = null;
            if (entry.Offset is { ValueKind: not JsonValueKind.Null } o)
            {
                if (o.ValueKind != JsonValueKind.Object)
                {
                    throw ConnectRestException.BadRequest("Source offsets must be JSON objects or null");
                }

                offset = EnsurePrimitive(OffsetJson.ToMap(o), "offset");
            }

            result.Add(new(EnsurePrimitive(OffsetJson.ToMap(entry.Partition), "partition"), offset));
        }

        return result;
    }

    private static Dictionary<string, object?> EnsurePrimitive(Dictionary<string, object?> map, string what)
    {
        foreach (var (key, value) in map)
        {
            if (value is IList<object?> or IDictionary<string, object?>)
            {
                throw ConnectRestException.BadRequest($"Source {what} values must be primitives (string, number, boolean or null); '{key}' is not");
            }
        }

        return map;
    }

    private async Task ApplySinkAsync(string name, Dictionary<ApiTopicPartition, long?> offsets, bool reset, CancellationToken cancellationToken)
    {
        var group = SinkGroup(name);
        if (reset)
        {
            try
            {
                await services.Admin.DeleteGroupsAsync([group], cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (KafkaException e) when (e.Code is ErrorCode.GroupIdNotFound)
            {
            }

            return;
        }

        var toAlter = offsets.Where(kv => kv.Value is not null).Select(kv => new TopicPartitionOffset(kv.Key.Topic, kv.Key.Partition, kv.Value!.Value)).ToList();
        var toDelete = offsets.Where(kv => kv.Value is null).Select(kv => new Protocol.TopicPartition(kv.Key.Topic, kv.Key.Partition)).ToList();
        if (toAlter.Count > 0)
        {
            await services.Admin.AlterConsumerGroupOffsetsAsync(group, toAlter, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        if (toDelete.Count > 0)
        {
            try
            {
                await services.Admin.DeleteConsumerGroupOffsetsAsync(group, toDelete, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (KafkaException e) when (e.Code is ErrorCode.GroupIdNotFound)
            {
            }
        }
    }
}
