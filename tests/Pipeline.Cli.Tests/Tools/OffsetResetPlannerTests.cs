using Pipeline.Cli.Tools;
using Pipeline.Cli.Tools.Groups;
using Pipeline.Protocol;

namespace Pipeline.Cli.Tests.Tools;

public sealed class OffsetResetPlannerTests
{
    private static readonly TopicPartition P0 = new("t", 0);
    private static readonly TopicPartition P1 = new("t", 1);
    private static readonly Dictionary<TopicPartition, long> Earliest = new() { [P0] = 10, [P1] = 0 };
    private static readonly Dictionary<TopicPartition, long> Latest = new() { [P0] = 100, [P1] = 50 };
    private static readonly Dictionary<TopicPartition, long> Committed = new() { [P0] = 40 };

    [Theory]
    [InlineData(OffsetResetKind.ToEarliest, 0, 10, 0)]
    [InlineData(OffsetResetKind.ToLatest, 0, 100, 50)]
    [InlineData(OffsetResetKind.ToCurrent, 0, 40, 50)]
    [InlineData(OffsetResetKind.ToOffset, 5, 10, 5)]
    [InlineData(OffsetResetKind.ToOffset, 75, 75, 50)]
    public void Plan_Scenario_ClampsIntoTheLog(OffsetResetKind kind, long value, long expected0, long expected1)
    {
        var rows = OffsetResetPlanner.Plan("g", new OffsetReset(kind, value), [P1, P0], Committed, Earliest, Latest);
        Assert.Equal([("t", 0, expected0), ("t", 1, expected1)], rows.Select(r => (r.Topic, r.Partition, r.NewOffset)));
        Assert.Equal(40, rows[0].CurrentOffset);
        Assert.Null(rows[1].CurrentOffset);
    }

    [Theory]
    [InlineData(-5, 35)]
    [InlineData(-1000, 10)]
    [InlineData(1000, 100)]
    public void Plan_ShiftBy_MovesTheCommittedOffsetWithinTheLog(long shift, long expected)
    {
        var rows = OffsetResetPlanner.Plan("g", new OffsetReset(OffsetResetKind.ShiftBy, shift), [P0], Committed, Earliest, Latest);
        Assert.Equal(expected, Assert.Single(rows).NewOffset);
    }

    [Fact]
    public void Plan_ShiftByWithoutCommittedOffset_Fails()
    {
        var e = Assert.Throws<ToolException>(() => OffsetResetPlanner.Plan("g", new OffsetReset(OffsetResetKind.ShiftBy, 1), [P1], Committed, Earliest, Latest));
        Assert.Contains("t-1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_ToDatetime_UsesTheLookupAndTheLogEndWhenNoRecordIsThatLate()
    {
        var byTime = new Dictionary<TopicPartition, long> { [P0] = 42, [P1] = -1 };
        var rows = OffsetResetPlanner.Plan("g", new OffsetReset(OffsetResetKind.ToDatetime, Time: DateTimeOffset.UnixEpoch), [P0, P1], Committed, Earliest, Latest, byTime);
        Assert.Equal([42L, 50L], rows.Select(r => r.NewOffset));
    }
}
