using Pipeline.Protocol.Messages;
using Pipeline.Protocol.Records;

namespace Pipeline.Client.Tests.Fixtures;

/// <summary>One partition's batch in a produce request the fake broker received.</summary>
public sealed record FakeBatch(string Topic, int Partition, long ProducerId, short ProducerEpoch, int BaseSequence, int RecordCount, CompressionType Compression);

/// <summary>Reading produce requests and writing produce answers for <see cref="FakeKafkaBroker"/> scripts.</summary>
public static class FakeProduce
{
    public static IReadOnlyList<FakeBatch> Batches(FakeRequest request)
    {
        var produce = request.Read<ProduceRequest>();
        var batches = new List<FakeBatch>();
        foreach (var t in produce.TopicData)
        {
            foreach (var p in t.PartitionData)
            {
                var h = new RecordBatchHeader(p.Records.Memory.Span);
                batches.Add(new FakeBatch(t.Name, p.Index, h.ProducerId, h.ProducerEpoch, h.BaseSequence, h.RecordsCount, h.Compression));
            }
        }

        return batches;
    }

    /// <summary>Answers every partition of the request with <paramref name="answer"/>(batch) = (error code, base offset).</summary>
    public static FakeReply Reply(FakeRequest request, Func<FakeBatch, (short Error, long BaseOffset)> answer)
    {
        var response = new ProduceResponse();
        foreach (var g in Batches(request).GroupBy(b => b.Topic))
        {
            var topic = new ProduceResponse.TopicProduceResponse { Name = g.Key };
            foreach (var b in g)
            {
                var (error, offset) = answer(b);
                topic.PartitionResponses.Add(new ProduceResponse.PartitionProduceResponse { Index = b.Partition, ErrorCode = error, BaseOffset = error == 0 ? offset : -1 });
            }

            response.Responses.Add(topic);
        }

        return FakeReply.Of(response);
    }
}
