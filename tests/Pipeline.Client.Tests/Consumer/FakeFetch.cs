using System.Text;
using Pipeline.Client.Tests.Fixtures;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;
using Pipeline.Protocol.Primitives;
using Pipeline.Protocol.Records;

namespace Pipeline.Client.Tests.Consumer;

/// <summary>Fetch and ListOffsets answers for <see cref="FakeKafkaBroker"/> scripts: a partition's log as values "0", "1", ...</summary>
internal static class FakeFetch
{
    /// <summary>The one partition asked for (the fake topics have ids, so the consumer fetches by id).</summary>
    public static (Uuid TopicId, int Partition, long Offset) Asked(FakeRequest request)
    {
        var fetch = request.Read<FetchRequest>();
        var topic = Assert.Single(fetch.Topics);
        var partition = Assert.Single(topic.Partitions);
        return (topic.TopicId, partition.Partition, partition.FetchOffset);
    }

    /// <summary>
    /// Records [from, to) of a log whose high watermark is <paramref name="highWatermark"/>, in one
    /// batch (followed by the first <paramref name="partialTail"/> bytes of the next one, as a broker
    /// cuts a response at its size limit); or an error.
    /// </summary>
    public static FakeReply Reply(FakeRequest request, long from, long to, long highWatermark, ErrorCode error = ErrorCode.None, int partialTail = 0)
    {
        var fetch = request.Read<FetchRequest>();
        var topic = Assert.Single(fetch.Topics);
        var data = new FetchResponse.PartitionData
        {
            PartitionIndex = Assert.Single(topic.Partitions).Partition,
            ErrorCode = (short)error,
            HighWatermark = highWatermark,
            LastStableOffset = highWatermark,
            LogStartOffset = 0,
            Records = RecordSet.Empty,
        };
        if (error == ErrorCode.None && to > from)
        {
            using var b = new RecordBatchBuilder { BaseOffset = from, ProducerId = -1, BaseSequence = -1 };
            for (var o = from; o < to; o++)
            {
                b.Append(1000 + o, null, Encoding.UTF8.GetBytes(o.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            var bytes = b.ToArray();
            if (partialTail > 0)
            {
                using var next = new RecordBatchBuilder { BaseOffset = to, ProducerId = -1, BaseSequence = -1 };
                next.Append(1000 + to, null, Encoding.UTF8.GetBytes("cut off"));
                bytes = [.. bytes, .. next.ToArray().AsSpan(0, partialTail)];
            }

            data.Records = new RecordSet(bytes);
        }

        var response = new FetchResponse();
        response.Responses.Add(new FetchResponse.FetchableTopicResponse { Topic = topic.Topic, TopicId = topic.TopicId, Partitions = [data] });
        return FakeReply.Of(response);
    }

    /// <summary>ListOffsets: earliest (-2) is 0, latest (-1) is <paramref name="end"/>.</summary>
    public static FakeReply Offsets(FakeRequest request, long end)
    {
        var list = request.Read<ListOffsetsRequest>();
        var response = new ListOffsetsResponse();
        foreach (var t in list.Topics)
        {
            response.Topics.Add(new ListOffsetsResponse.ListOffsetsTopicResponse
            {
                Name = t.Name,
                Partitions = [.. t.Partitions.Select(p => new ListOffsetsResponse.ListOffsetsPartitionResponse { PartitionIndex = p.PartitionIndex, Offset = p.Timestamp == -2 ? 0 : end, Timestamp = -1 })],
            });
        }

        return FakeReply.Of(response);
    }
}
