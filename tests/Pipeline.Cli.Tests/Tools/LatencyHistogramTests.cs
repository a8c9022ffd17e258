using Pipeline.Cli.Tools.Bench;

namespace Pipeline.Cli.Tests.Tools;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Percentile_SmallValues_AreExact()
    {
        var h = new LatencyHistogram();
        for (var v = 1; v <= 100; v++)
        {
            h.Record(v);
        }

        Assert.Equal(50, h.Percentile(50));
        Assert.Equal(95, h.Percentile(95));
        Assert.Equal(99, h.Percentile(99));
        Assert.Equal(100, h.Percentile(100));
        Assert.Equal(100, h.MaxMicros);
        Assert.Equal(50.5, h.MeanMicros, 6);
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(123_456)]
    [InlineData(9_876_543_210)]
    public void Percentile_LargeValues_AreWithinOnePercent(long value)
    {
        var h = new LatencyHistogram();
        h.Record(value / 2);
        h.Record(value);
        var p99 = h.Percentile(99);
        Assert.InRange(p99, value * 0.99, value);
    }

    [Fact]
    public void Percentile_SkewedDistribution_FindsTheTail()
    {
        var h = new LatencyHistogram();
        for (var i = 0; i < 990; i++)
        {
            h.Record(1_000);
        }

        for (var i = 0; i < 10; i++)
        {
            h.Record(50_000);
        }

        // A percentile is the top of its bucket: at most 1% above the value.
        Assert.InRange(h.Percentile(50), 1_000, 1_010);
        Assert.InRange(h.Percentile(99), 1_000, 1_010);
        Assert.InRange(h.Percentile(99.9), 49_500, 50_000);
        Assert.Equal(50_000, h.MaxMicros);
    }

    [Fact]
    public void Index_IsMonotonicAndEachBucketHoldsItsValues()
    {
        var previous = -1;
        for (long v = 0; v < 5_000_000; v += 1 + (v / 100))
        {
            var i = LatencyHistogram.Index(v);
            Assert.True(i >= previous, $"index of {v} went back");
            Assert.True(LatencyHistogram.HighestIn(i) >= v, $"bucket {i} ends below {v}");
            previous = i;
        }
    }

    [Fact]
    public void Percentile_Empty_IsZero() => Assert.Equal(0, new LatencyHistogram().Percentile(99));
}
