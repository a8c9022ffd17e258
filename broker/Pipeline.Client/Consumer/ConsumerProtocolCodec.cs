using Pipeline.Client.Consumer.Assignors;
using Pipeline.Client.Group;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;
using Pipeline.Protocol.Primitives;

namespace Pipeline.Client.Consumer;

/// <summary>
/// The "consumer" protocol's payloads in JoinGroup and SyncGroup: an int16 version, then a
/// ConsumerProtocolSubscription or ConsumerProtocolAssignment of that version. We write v3 (owned
/// partitions v1+, generation v2+, rack v3+); readers of older versions stop after their fields
/// (Kafka's and librdkafka's do), and we read newer versions as the highest we know.
/// </summary>
internal static class ConsumerProtocolCodec
{
    public const short Version = 3;

    public static byte[] EncodeSubscription(IReadOnlyCollection<string> topics, byte[]? userData, IReadOnlyCollection<TopicPartition> owned, int generation, string? rack)
    {
        var subscription = new ConsumerProtocolSubscription
        {
            Topics = [.. topics.Order(StringComparer.Ordinal)],
            UserData = userData,
            GenerationId = generation,
            RackId = string.IsNullOrEmpty(rack) ? null : rack,
        };
        foreach (var g in owned.GroupBy(p => p.Topic, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            subscription.OwnedPartitions.Add(new ConsumerProtocolSubscription.TopicPartition { Topic = g.Key, Partitions = [.. g.Select(p => p.Partition).Order()] });
        }

        return Encode(w => subscription.Write(w, Version));
    }

    /// <summary>A member's subscription; a payload that does not parse counts as subscribing to nothing.</summary>
    public static MemberSubscription DecodeSubscription(GroupMemberMetadata member)
    {
        try
        {
            var reader = new ProtocolReader(member.Metadata);
            var version = reader.ReadInt16();
            var s = new ConsumerProtocolSubscription();
            s.Read(ref reader, Math.Min(version, ConsumerProtocolSubscription.HighestSupportedVersion));
            var owned = s.OwnedPartitions.SelectMany(t => t.Partitions.Select(p => new TopicPartition(t.Topic, p))).ToList();
            return new MemberSubscription(member.MemberId, member.GroupInstanceId, s.Topics, owned, version >= 2 ? s.GenerationId : -1, s.RackId, s.UserData);
        }
        catch (ProtocolException)
        {
            return new MemberSubscription(member.MemberId, member.GroupInstanceId, [], []);
        }
    }

    public static byte[] EncodeAssignment(IReadOnlyCollection<TopicPartition> partitions)
    {
        var assignment = new ConsumerProtocolAssignment();
        foreach (var g in partitions.GroupBy(p => p.Topic, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            assignment.AssignedPartitions.Add(new ConsumerProtocolAssignment.TopicPartition { Topic = g.Key, Partitions = [.. g.Select(p => p.Partition).Order()] });
        }

        return Encode(w => assignment.Write(w, Version));
    }

    /// <summary>This member's partitions; empty bytes (librdkafka's "no assignment") are none.</summary>
    public static List<TopicPartition> DecodeAssignment(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return [];
        }

        var reader = new ProtocolReader(bytes);
        var version = reader.ReadInt16();
        var a = new ConsumerProtocolAssignment();
        a.Read(ref reader, Math.Min(version, ConsumerProtocolAssignment.HighestSupportedVersion));
        return [.. a.AssignedPartitions.SelectMany(t => t.Partitions.Select(p => new TopicPartition(t.Topic, p)))];
    }

    private static byte[] Encode(Action<ProtocolWriter> body)
    {
        using var writer = new ProtocolWriter(256);
        writer.WriteInt16(Version);
        body(writer);
        return writer.WrittenSpan.ToArray();
    }
}
