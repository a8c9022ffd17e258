using Pipeline.Testing.Kafka;

namespace Pipeline.Broker.Tests.Fixtures;

/// <summary>A batch the broker acknowledged: where it said the batch went and what was in it.</summary>
public sealed record AckedBatch(int Partition, long BaseOffset, IReadOnlyList<TestRecord> Records)
{
    public long NextOffset => BaseOffset + Records.Count;
}
