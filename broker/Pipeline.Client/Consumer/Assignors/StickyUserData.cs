using Pipeline.Protocol;
using Pipeline.Protocol.Primitives;

namespace Pipeline.Client.Consumer.Assignors;

/// <summary>
/// The user data of the sticky assignors, in the layouts Kafka's and librdkafka's assignors write:
/// <code>
/// "sticky" (StickyAssignorUserData v1):  [topic string, [partition int32]] previous assignment, generation int32
/// "cooperative-sticky" (Java):           generation int32
/// </code>
/// Members with subscription v2+ also carry the generation in the subscription itself, which wins.
/// </summary>
internal static class StickyUserData
{
    public static byte[] EncodeAssignment(IReadOnlyCollection<TopicPartition> previous, int generation)
    {
        using var writer = new ProtocolWriter(64);
        var byTopic = previous.GroupBy(p => p.Topic, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        writer.WriteInt32(byTopic.Count);
        foreach (var g in byTopic)
        {
            writer.WriteString(g.Key, compact: false);
            writer.WriteInt32(g.Count());
            foreach (var p in g.OrderBy(p => p.Partition))
            {
                writer.WriteInt32(p.Partition);
            }
        }

        writer.WriteInt32(generation);
        return writer.WrittenSpan.ToArray();
    }

    public static byte[] EncodeGeneration(int generation)
    {
        var bytes = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes, generation);
        return bytes;
    }

    /// <summary>Reads either layout; false when the bytes are neither (another client's assignor, or none).</summary>
    public static bool TryDecode(byte[]? userData, out List<TopicPartition> previous, out int generation)
    {
        previous = [];
        generation = -1;
        if (userData is null || userData.Length < 4)
        {
            return false;
        }

        if (userData.Length == 4)
        {
            generation = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(userData);
            return true;
        }

        try
        {
            var reader = new ProtocolReader(userData);
            var topics = reader.ReadInt32();
            for (var t = 0; t < topics; t++)
            {
                var topic = reader.ReadString(compact: false);
                var count = reader.ReadInt32();
                for (var i = 0; i < count; i++)
                {
                    previous.Add(new TopicPartition(topic, reader.ReadInt32()));
                }
            }

            // v0 had no generation.
            generation = reader.Remaining >= 4 ? reader.ReadInt32() : -1;
            return true;
        }
        catch (ProtocolException)
        {
            previous = [];
            generation = -1;
            return false;
        }
    }
}
