using Pipeline.Broker.Coordinators.Group.Records;
using Pipeline.Protocol.Primitives;
using Xunit;

namespace Pipeline.Broker.Tests.Coordinators.Group;

/// <summary>
/// The <c>__consumer_offsets</c> records byte for byte as Kafka's schemas lay them out
/// (OffsetCommitKey v0/v1, OffsetCommitValue v0-v4, GroupMetadataKey v2, GroupMetadataValue v0-v4).
/// </summary>
public sealed class GroupRecordFormatTests
{
    [Fact]
    public void OffsetCommitKey_IsVersion1_GroupTopicPartition()
    {
        var bytes = new OffsetCommitKey("g", "t", 1).Serialize();

        Assert.Equal(Hex("0001 0001 67 0001 74 00000001"), bytes);
    }

    [Fact]
    public void OffsetCommitValue_WithoutExpiry_IsVersion3()
    {
        var bytes = new OffsetCommitValue(5, 2, "m", 1000).Serialize();

        Assert.Equal(Hex("0003 0000000000000005 00000002 0001 6d 00000000000003e8"), bytes);
    }

    [Fact]
    public void OffsetCommitValue_WithExpiry_IsVersion1()
    {
        var bytes = new OffsetCommitValue(5, 2, "", 1000, ExpireTimestamp: 2000).Serialize();

        Assert.Equal(Hex("0001 0000000000000005 0000 00000000000003e8 00000000000007d0"), bytes);
    }

    [Theory]
    [InlineData("0000 0000000000000007 0002 6869 0000000000000064", 7, -1, "hi", 100, -1)]
    [InlineData("0001 0000000000000007 0000 0000000000000064 00000000000000c8", 7, -1, "", 100, 200)]
    [InlineData("0002 0000000000000007 0000 0000000000000064", 7, -1, "", 100, -1)]
    [InlineData("0003 0000000000000007 00000009 0000 0000000000000064", 7, 9, "", 100, -1)]
    [InlineData("0004 0000000000000007 00000009 03 6869 0000000000000064 00", 7, 9, "hi", 100, -1)]
    public void OffsetCommitValue_EveryVersion_Reads(string hex, long offset, int epoch, string metadata, long commit, long expire)
    {
        var value = (OffsetCommitRecord)GroupCoordinatorRecordSerde.Instance.Deserialize(new OffsetCommitKey("g", "t", 0).Serialize(), Hex(hex), false)!;

        Assert.Equal(new OffsetCommitValue(offset, epoch, metadata, commit, expire), value.Value);
    }

    [Fact]
    public void GroupMetadataKey_IsVersion2()
    {
        Assert.Equal(Hex("0002 0002 6731"), new GroupMetadataKey("g1").Serialize());
    }

    [Fact]
    public void GroupMetadataValue_IsVersion3_InSchemaFieldOrder()
    {
        var value = new GroupMetadataValue
        {
            ProtocolType = "consumer",
            Generation = 3,
            Protocol = "range",
            Leader = "m1",
            CurrentStateTimestamp = 16,
            Members =
            [
                new GroupMetadataValue.MemberMetadata
                {
                    MemberId = "m1",
                    GroupInstanceId = null,
                    ClientId = "c",
                    ClientHost = "/h",
                    RebalanceTimeout = 300,
                    SessionTimeout = 10,
                    Subscription = [1, 2],
                    Assignment = [3],
                },
            ],
        };

        var expected = Hex(
            "0003" +
            "0008 636f6e73756d6572" + // protocolType "consumer"
            "00000003" + // generation
            "0005 72616e6765" + // protocol "range"
            "0002 6d31" + // leader "m1"
            "0000000000000010" + // currentStateTimestamp
            "00000001" + // members
            "0002 6d31" + // memberId
            "ffff" + // groupInstanceId null
            "0001 63" + // clientId
            "0002 2f68" + // clientHost
            "0000012c" + // rebalanceTimeout
            "0000000a" + // sessionTimeout
            "00000002 0102" + // subscription
            "00000001 03"); // assignment
        Assert.Equal(expected, value.Serialize());
    }

    [Fact]
    public void GroupMetadataValue_Version0_HasNoTimestampRebalanceTimeoutOrInstanceId()
    {
        var bytes = Hex("0000 0001 78 00000002 ffff ffff 00000001 0001 61 0001 63 0001 68 0000000a 00000000 00000000");

        var record = (GroupMetadataRecord)GroupCoordinatorRecordSerde.Instance.Deserialize(new GroupMetadataKey("g").Serialize(), bytes, false)!;

        var v = record.Value!;
        Assert.Equal(("x", 2, null, null, -1L), (v.ProtocolType, v.Generation, v.Protocol, v.Leader, v.CurrentStateTimestamp));
        var m = Assert.Single(v.Members);
        Assert.Equal(("a", null, "c", "h", -1, 10), (m.MemberId, m.GroupInstanceId, m.ClientId, m.ClientHost, m.RebalanceTimeout, m.SessionTimeout));
    }

    [Fact]
    public void GroupMetadataValue_FlexibleVersion4_Reads()
    {
        // compact strings (length+1), compact arrays and bytes, a tagged-field section per struct.
        var bytes = Hex("0004 09 636f6e73756d6572 00000001 00 00 ffffffffffffffff 02 03 6d31 04 696e73 02 63 02 68 00000064 0000000a 02 01 01 00 00");

        var record = (GroupMetadataRecord)GroupCoordinatorRecordSerde.Instance.Deserialize(new GroupMetadataKey("g").Serialize(), bytes, false)!;

        var v = record.Value!;
        Assert.Equal(("consumer", 1, null, null), (v.ProtocolType, v.Generation, v.Protocol, v.Leader));
        var m = Assert.Single(v.Members);
        Assert.Equal(("m1", "ins", 100, 10), (m.MemberId, m.GroupInstanceId, m.RebalanceTimeout, m.SessionTimeout));
        Assert.Equal([1], m.Subscription);
        Assert.Empty(m.Assignment);
    }

    [Fact]
    public void Tombstones_DeserializeWithNullValues()
    {
        var serde = GroupCoordinatorRecordSerde.Instance;

        var offset = Assert.IsType<OffsetCommitRecord>(serde.Deserialize(new OffsetCommitKey("g", "t", 3).Serialize(), [], valueIsNull: true));
        var group = Assert.IsType<GroupMetadataRecord>(serde.Deserialize(new GroupMetadataKey("g").Serialize(), [], valueIsNull: true));

        Assert.Equal((new OffsetCommitKey("g", "t", 3), (OffsetCommitValue?)null), (offset.Key, offset.Value));
        Assert.Null(group.Value);
    }

    [Fact]
    public void ConsumerGroupRecords_OfKip848_AreSkipped()
    {
        // Key version 3 = ConsumerGroupMetadataKey.
        Assert.Null(GroupCoordinatorRecordSerde.Instance.Deserialize(Hex("0003 0001 67"), Hex("0000"), false));
    }

    [Fact]
    public void Truncated_Value_IsAProtocolException()
    {
        Assert.Throws<ProtocolException>(() => GroupCoordinatorRecordSerde.Instance.Deserialize(new OffsetCommitKey("g", "t", 0).Serialize(), Hex("0003 00000000"), false));
    }

    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));
}
