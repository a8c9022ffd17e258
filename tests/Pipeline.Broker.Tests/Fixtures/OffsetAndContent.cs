using Pipeline.Testing.Kafka;

namespace Pipeline.Broker.Tests.Fixtures;

/// <summary>Compares records by offset and content (not timestamp), for Assert.Equal on fetched logs.</summary>
public sealed class OffsetAndContent : IEqualityComparer<TestRecord>
{
    public static readonly OffsetAndContent Instance = new();

    public bool Equals(TestRecord? x, TestRecord? y) => x is null ? y is null : y is not null && x.Offset == y.Offset && x.Equals(y);

    public int GetHashCode(TestRecord obj) => HashCode.Combine(obj.Offset, obj.GetHashCode());
}
