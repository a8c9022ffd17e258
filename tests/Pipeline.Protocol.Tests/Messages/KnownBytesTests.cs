using System.Text;
using Pipeline.Protocol.Messages;
using Pipeline.Protocol.Primitives;
using Xunit;

namespace Pipeline.Protocol.Tests.Messages;

/// <summary>Encodings worked out by hand from section 1 and 2 of the protocol reference.</summary>
public sealed class KnownBytesTests
{
    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    private static string Ascii(string text) => Convert.ToHexString(Encoding.ASCII.GetBytes(text));

    private static byte[] Encode(Action<ProtocolWriter> write)
    {
        using var writer = new ProtocolWriter();
        write(writer);
        return writer.WrittenSpan.ToArray();
    }

    private static T Decode<T>(byte[] bytes, short version)
        where T : IDataMessage, new()
    {
        var message = new T();
        var reader = new ProtocolReader(bytes);
        message.Read(ref reader, version);
        Assert.True(reader.End, $"{reader.Remaining} byte(s) left unread");
        return message;
    }

    private static void AssertMalformed<T>(byte[] bytes, short version)
        where T : IDataMessage, new()
    {
        try
        {
            Decode<T>(bytes, version);
        }
        catch (ProtocolException)
        {
            return;
        }

        Assert.Fail("expected a ProtocolException");
    }

    [Fact]
    public void ApiVersionsRequestV3_WithHeaderV2_MatchesHandEncoding()
    {
        var headerVersion = ApiMessages.RequestHeaderVersion(ApiKey.ApiVersions, 3);
        Assert.Equal(2, headerVersion);
        var header = new RequestHeader { RequestApiKey = 18, RequestApiVersion = 3, CorrelationId = 1, ClientId = "rdkafka" };
        var body = new ApiVersionsRequest { ClientSoftwareName = "librdkafka", ClientSoftwareVersion = "2.0.2" };

        var bytes = Encode(w =>
        {
            header.Write(w, headerVersion);
            body.Write(w, 3);
        });

        // Header v2: key, version, correlation id, ClientId with an int16 length (never compact), empty tag section.
        // Body (flexible): two compact strings (length + 1), empty tag section.
        var expected = Hex("0012 0003 00000001 0007" + Ascii("rdkafka") + "00"
            + "0B" + Ascii("librdkafka") + "06" + Ascii("2.0.2") + "00");
        Assert.Equal(expected, bytes);

        var reader = new ProtocolReader(bytes);
        var readHeader = new RequestHeader();
        readHeader.Read(ref reader, headerVersion);
        var readBody = new ApiVersionsRequest();
        readBody.Read(ref reader, 3);
        Assert.True(reader.End);
        Assert.Equal("rdkafka", readHeader.ClientId);
        Assert.Equal(1, readHeader.CorrelationId);
        Assert.Equal("librdkafka", readBody.ClientSoftwareName);
        Assert.Equal("2.0.2", readBody.ClientSoftwareVersion);
    }

    [Fact]
    public void RequestHeaderV2_NullClientId_UsesInt16Null()
    {
        var header = new RequestHeader { RequestApiKey = 3, RequestApiVersion = 12, CorrelationId = 7, ClientId = null };
        Assert.Equal(Hex("0003 000C 00000007 FFFF 00"), Encode(w => header.Write(w, 2)));
        Assert.Null(Decode<RequestHeader>(Hex("0003 000C 00000007 FFFF 00"), 2).ClientId);
    }

    [Fact]
    public void ResponseHeader_V0AndV1_MatchHandEncoding()
    {
        var header = new ResponseHeader { CorrelationId = 258 };
        Assert.Equal(Hex("00000102"), Encode(w => header.Write(w, 0)));
        Assert.Equal(Hex("00000102 00"), Encode(w => header.Write(w, 1)));
    }

    [Fact]
    public void MetadataRequestV0_OneTopic_MatchesHandEncoding()
    {
        var request = new MetadataRequest { Topics = [new MetadataRequest.MetadataRequestTopic { Name = "t" }] };
        var expected = Hex("00000001 0001 74");
        Assert.Equal(expected, Encode(w => request.Write(w, 0)));
        Assert.Equal("t", Decode<MetadataRequest>(expected, 0).Topics![0].Name);
    }

    [Fact]
    public void MetadataRequestV1_NullTopics_EncodesMinusOne()
    {
        var request = new MetadataRequest { Topics = null };
        Assert.Equal(Hex("FFFFFFFF"), Encode(w => request.Write(w, 1)));
        Assert.Null(Decode<MetadataRequest>(Hex("FFFFFFFF"), 1).Topics);
        Assert.Empty(Decode<MetadataRequest>(Hex("00000000"), 1).Topics!);
    }

    [Fact]
    public void MetadataRequestV0_NullTopics_CannotBeWrittenOrRead()
    {
        var request = new MetadataRequest { Topics = null };
        Assert.Throws<InvalidOperationException>(() => Encode(w => request.Write(w, 0)));
        AssertMalformed<MetadataRequest>(Hex("FFFFFFFF"), 0);
    }

    [Fact]
    public void MetadataRequestV9_NullTopics_EncodesCompactNull()
    {
        var request = new MetadataRequest { Topics = null, AllowAutoTopicCreation = true };
        // Topics null (00), AllowAutoTopicCreation, IncludeClusterAuthorizedOperations (8-10), IncludeTopicAuthorizedOperations, tags.
        Assert.Equal(Hex("00 01 00 00 00"), Encode(w => request.Write(w, 9)));
    }

    private static readonly string FetchV15Prefix =
        "000001F4" // MaxWaitMs 500
        + "00000001" // MinBytes 1
        + "7FFFFFFF" // MaxBytes (default)
        + "00" // IsolationLevel
        + "00000000" // SessionId
        + "FFFFFFFF" // SessionEpoch (default -1)
        + "01" // Topics: empty compact array
        + "01" // ForgottenTopicsData: empty compact array
        + "01"; // RackId: ""

    [Fact]
    public void FetchRequestV15_ReplicaStateAndClusterId_AreTaggedInOrder()
    {
        var request = new FetchRequest
        {
            ClusterId = "c",
            MaxWaitMs = 500,
            MinBytes = 1,
            ReplicaState = new FetchRequest.ReplicaStateData { ReplicaId = 2, ReplicaEpoch = 7 },
            UnknownTaggedFields = [new RawTaggedField(5, [0xAA])],
        };

        // Three tags: 0 ClusterId (2 bytes: compact "c"), 1 ReplicaState (13 bytes: int32, int64,
        // empty tag section), then the unknown tag 5 after the known ones.
        var expected = Hex(FetchV15Prefix + "03" + "00 02 0263" + "01 0D 00000002 0000000000000007 00" + "05 01 AA");
        Assert.Equal(expected, Encode(w => request.Write(w, 15)));

        var read = Decode<FetchRequest>(expected, 15);
        Assert.Equal("c", read.ClusterId);
        Assert.Equal(2, read.ReplicaState.ReplicaId);
        Assert.Equal(7, read.ReplicaState.ReplicaEpoch);
        Assert.Equal(-1, read.ReplicaId);
        var unknown = Assert.Single(read.UnknownTaggedFields!);
        Assert.Equal(5, unknown.Tag);
        Assert.Equal(new byte[] { 0xAA }, unknown.Data);
    }

    [Fact]
    public void FetchRequestV15_DefaultReplicaState_IsNotSent()
    {
        var request = new FetchRequest { MaxWaitMs = 500, MinBytes = 1 };
        Assert.Equal(Hex(FetchV15Prefix + "00"), Encode(w => request.Write(w, 15)));
        var read = Decode<FetchRequest>(Hex(FetchV15Prefix + "00"), 15);
        Assert.Equal(-1, read.ReplicaState.ReplicaId);
        Assert.Equal(-1, read.ReplicaState.ReplicaEpoch);
        Assert.Null(read.ClusterId);
    }

    [Fact]
    public void FetchRequestV14_ReplicaId_IsPositionalAndTag1IsUnknown()
    {
        // v14: ReplicaId is the first field; tag 1 means nothing yet, so it is kept raw and written back.
        var bytes = Hex("00000003" + FetchV15Prefix + "01 01 02 BEEF");
        var read = Decode<FetchRequest>(bytes, 14);
        Assert.Equal(3, read.ReplicaId);
        Assert.Equal(-1, read.ReplicaState.ReplicaId);
        var unknown = Assert.Single(read.UnknownTaggedFields!);
        Assert.Equal(1, unknown.Tag);
        Assert.Equal(bytes, Encode(w => read.Write(w, 14)));
    }

    [Fact]
    public void FetchRequestV15_TaggedValueOverrunningItsSize_Throws() =>
        AssertMalformed<FetchRequest>(Hex(FetchV15Prefix + "01 01 04 00000002 0000000000000007 00"), 15);

    [Fact]
    public void ApiVersionsRequestV3_UnknownTag_IsPreserved()
    {
        var bytes = Hex("0B" + Ascii("librdkafka") + "06" + Ascii("2.0.2") + "01 07 02 AABB");
        var read = Decode<ApiVersionsRequest>(bytes, 3);
        var unknown = Assert.Single(read.UnknownTaggedFields!);
        Assert.Equal(7, unknown.Tag);
        Assert.Equal(new byte[] { 0xAA, 0xBB }, unknown.Data);
        Assert.Equal(bytes, Encode(w => read.Write(w, 3)));
    }

    [Fact]
    public void CreateTopicsResponseV5_TopicConfigErrorCode_IsTaggedOnlyWhenNotDefault()
    {
        var topic = new CreateTopicsResponse.CreatableTopicResult { Name = "t", ErrorMessage = null, NumPartitions = 1, ReplicationFactor = 1, Configs = null };
        var response = new CreateTopicsResponse { Topics = [topic] };

        // ThrottleTimeMs, Topics [Name, TopicId (7+, absent), ErrorCode, ErrorMessage null, NumPartitions,
        // ReplicationFactor, Configs null, tags], tags.
        var withoutTag = Hex("00000000 02 0274 0000 00 00000001 0001 00 00 00");
        Assert.Equal(withoutTag, Encode(w => response.Write(w, 5)));

        topic.TopicConfigErrorCode = 29;
        var withTag = Hex("00000000 02 0274 0000 00 00000001 0001 00 01 00 02 001D 00");
        Assert.Equal(withTag, Encode(w => response.Write(w, 5)));
        Assert.Equal(29, Decode<CreateTopicsResponse>(withTag, 5).Topics[0].TopicConfigErrorCode);
    }

    [Fact]
    public void ConsumerGroupHeartbeatResponse_NullableStruct_UsesMinusOneOrOnePrefix()
    {
        var response = new ConsumerGroupHeartbeatResponse { MemberEpoch = 1, HeartbeatIntervalMs = 5000 };
        var prefix = "00000000 0000 00 00 00000001 00001388";
        Assert.Equal(Hex(prefix + "FF 00"), Encode(w => response.Write(w, 0)));
        Assert.Null(Decode<ConsumerGroupHeartbeatResponse>(Hex(prefix + "FF 00"), 0).Assignment);

        response.Assignment = new ConsumerGroupHeartbeatResponse.AssignmentData();
        Assert.Equal(Hex(prefix + "01 01 00 00"), Encode(w => response.Write(w, 0)));
        Assert.Empty(Decode<ConsumerGroupHeartbeatResponse>(Hex(prefix + "01 01 00 00"), 0).Assignment!.TopicPartitions);
    }

    [Fact]
    public void ProduceRequestV3_Records_AreASliceOfTheFrame()
    {
        var frame = Hex("FFFF FFFF 00000BB8 00000001 0001 74 00000001 00000000 00000003 010203");
        var read = Decode<ProduceRequest>(frame, 3);
        Assert.Null(read.TransactionalId);
        Assert.Equal(-1, read.Acks);
        var records = read.TopicData[0].PartitionData[0].Records;
        Assert.Equal(new byte[] { 1, 2, 3 }, records.Memory.ToArray());
        Assert.Equal(frame, Encode(w => read.Write(w, 3)));
    }

    [Fact]
    public void ConsumerProtocolSubscriptionV0_MatchesHandEncoding()
    {
        var subscription = new ConsumerProtocolSubscription { Topics = ["a", "b"], UserData = null };
        var expected = Hex("00000002 0001 61 0001 62 FFFFFFFF");
        Assert.Equal(expected, Encode(w => subscription.Write(w, 0)));
        Assert.Equal(["a", "b"], Decode<ConsumerProtocolSubscription>(expected, 0).Topics);
    }
}
