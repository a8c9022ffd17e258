using Pipeline.Protocol.Messages;
using Pipeline.Protocol.Primitives;

namespace Pipeline.Broker.Coordinators.Group.Records;

/// <summary>
/// Value of a classic group's metadata (Kafka's GroupMetadataValue v0-v4), written when a
/// generation is stored (SyncGroup of the leader, a static member replaced, the group emptied).
/// Layout after the int16 version:
/// <code>
/// string  protocolType
/// int32   generation
/// string? protocol                      nullable
/// string? leader                        nullable
/// int64   currentStateTimestamp         v2+
/// array   members:
///   string  memberId
///   string? groupInstanceId             v3+
///   string  clientId
///   string  clientHost
///   int32   rebalanceTimeout            v1+
///   int32   sessionTimeout
///   bytes   subscription
///   bytes   assignment
/// </code>
/// v4 is flexible: compact strings, bytes and arrays, and a tagged-field section closing each
/// member and the value. Kafka writes v3. A null value (tombstone) deletes the group.
/// </summary>
public sealed class GroupMetadataValue
{
    public const short WriteVersion = 3;

    public string ProtocolType { get; init; } = string.Empty;

    public int Generation { get; init; }

    public string? Protocol { get; init; }

    public string? Leader { get; init; }

    public long CurrentStateTimestamp { get; init; } = -1;

    public IReadOnlyList<MemberMetadata> Members { get; init; } = [];

    public byte[] Serialize()
    {
        using var writer = new ProtocolWriter(256);
        writer.WriteInt16(WriteVersion);
        Write(writer, WriteVersion);
        return writer.WrittenSpan.ToArray();
    }

    public void Write(ProtocolWriter writer, short version)
    {
        var flexible = version >= 4;
        writer.WriteString(ProtocolType, flexible);
        writer.WriteInt32(Generation);
        writer.WriteNullableString(Protocol, flexible);
        writer.WriteNullableString(Leader, flexible);
        if (version >= 2)
        {
            writer.WriteInt64(CurrentStateTimestamp);
        }

        writer.WriteArrayLength(Members.Count, flexible);
        foreach (var m in Members)
        {
            m.Write(writer, version);
        }

        if (flexible)
        {
            writer.WriteUnsignedVarInt(0);
        }
    }

    public static GroupMetadataValue Read(ref ProtocolReader reader, short version)
    {
        var flexible = version >= 4;
        var protocolType = reader.ReadString(flexible);
        var generation = reader.ReadInt32();
        var protocol = reader.ReadNullableString(flexible);
        var leader = reader.ReadNullableString(flexible);
        var timestamp = version >= 2 ? reader.ReadInt64() : -1;
        var count = reader.ReadArrayLength(flexible);
        var members = new List<MemberMetadata>(Math.Max(count, 0));
        for (var i = 0; i < count; i++)
        {
            members.Add(MemberMetadata.Read(ref reader, version));
        }

        if (flexible)
        {
            MessageSupport.ReadTaggedFields(ref reader);
        }

        return new GroupMetadataValue
        {
            ProtocolType = protocolType,
            Generation = generation,
            Protocol = protocol,
            Leader = leader,
            CurrentStateTimestamp = timestamp,
            Members = members,
        };
    }

    /// <summary>One member as stored: its subscription is the metadata of the chosen protocol.</summary>
    public sealed class MemberMetadata
    {
        public string MemberId { get; init; } = string.Empty;

        public string? GroupInstanceId { get; init; }

        public string ClientId { get; init; } = string.Empty;

        public string ClientHost { get; init; } = string.Empty;

        public int RebalanceTimeout { get; init; } = -1;

        public int SessionTimeout { get; init; }

        public byte[] Subscription { get; init; } = [];

        public byte[] Assignment { get; init; } = [];

        public void Write(ProtocolWriter writer, short version)
        {
            var flexible = version >= 4;
            writer.WriteString(MemberId, flexible);
            if (version >= 3)
            {
                writer.WriteNullableString(GroupInstanceId, flexible);
            }

            writer.WriteString(ClientId, flexible);
            writer.WriteString(ClientHost, flexible);
            if (version >= 1)
            {
                writer.WriteInt32(RebalanceTimeout);
            }

            writer.WriteInt32(SessionTimeout);
            writer.WriteBytes(Subscription, flexible);
            writer.WriteBytes(Assignment, flexible);
            if (flexible)
            {
                writer.WriteUnsignedVarInt(0);
            }
        }

        public static MemberMetadata Read(ref ProtocolReader reader, short version)
        {
            var flexible = version >= 4;
            var memberId = reader.ReadString(flexible);
            var instanceId = version >= 3 ? reader.ReadNullableString(flexible) : null;
            var clientId = reader.ReadString(flexible);
            var clientHost = reader.ReadString(flexible);
            var rebalanceTimeout = version >= 1 ? reader.ReadInt32() : -1;
            var sessionTimeout = reader.ReadInt32();
            var subscription = reader.ReadBytes(flexible);
            var assignment = reader.ReadBytes(flexible);
            if (flexible)
            {
                MessageSupport.ReadTaggedFields(ref reader);
            }

            return new MemberMetadata
            {
                MemberId = memberId,
                GroupInstanceId = instanceId,
                ClientId = clientId,
                ClientHost = clientHost,
                RebalanceTimeout = rebalanceTimeout,
                SessionTimeout = sessionTimeout,
                Subscription = subscription,
                Assignment = assignment,
            };
        }
    }
}
