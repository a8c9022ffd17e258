using Pipeline.Protocol.Messages;
using Pipeline.Protocol.Primitives;

namespace Pipeline.Broker.Coordinators.Group;

/// <summary>
/// The embedded "consumer" protocol, as far as the coordinator needs it: which topics a member's
/// JoinGroup metadata subscribes to. The metadata is an int16 version followed by a
/// ConsumerProtocolSubscription of that version; every version begins with v0's fields (topics,
/// user data), so the v0 prefix is read whatever the version (Kafka does the same).
/// </summary>
public static class ConsumerProtocol
{
    public const string ProtocolType = "consumer";

    /// <summary>The subscribed topics, or null when the metadata does not parse.</summary>
    public static IReadOnlyList<string>? SubscribedTopics(byte[] metadata)
    {
        try
        {
            var reader = new ProtocolReader(metadata);
            var version = reader.ReadInt16();
            if (version < 0)
            {
                return null;
            }

            var subscription = new ConsumerProtocolSubscription();
            subscription.Read(ref reader, 0);
            return subscription.Topics;
        }
        catch (ProtocolException)
        {
            return null;
        }
    }
}
