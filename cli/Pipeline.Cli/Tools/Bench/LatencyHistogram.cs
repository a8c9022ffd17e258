using System.Numerics;

namespace Pipeline.Cli.Tools.Bench;

/// <summary>
/// Latencies in microseconds, in log-linear buckets (HdrHistogram's idea): values below 256 are
/// exact, above that each power of two is cut into 128 buckets, so a percentile is within 1% of
/// the true value whatever the range, in a fixed 4,500 longs. One writer thread at a time
/// (the producer's I/O loop, or the consumer's poll loop); read it after that thread is done.
/// </summary>
public sealed class LatencyHistogram
{
    private const int SubBuckets = 128;
    private const int ExactBelow = 2 * SubBuckets;
    private const int MaxMagnitude = 42;

    private readonly long[] _counts = new long[ExactBelow + ((MaxMagnitude - 7) * SubBuckets)];
    private long _count;
    private long _sum;
    private long _max;

    public long Count => Volatile.Read(ref _count);

    public long MaxMicros => _max;

    public double MeanMicros => _count == 0 ? 0 : (double)_sum / _count;

    public void Record(long micros)
    {
        if (micros < 0)
        {
            micros = 0;
        }

        _counts[Index(micros)]++;
        _sum += micros;
        if (micros > _max)
        {
            _max = micros;
        }

        Volatile.Write(ref _count, _count + 1);
    }

    /// <summary>The value at percentile <paramref name="percent"/> (0-100]: the highest value of the bucket that holds it, never above the max seen.</summary>
    public long Percentile(double percent)
    {
        if (_count == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(percent / 100.0 * _count);
        rank = Math.Clamp(rank, 1, _count);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Min(HighestIn(i), _max);
            }
        }

        return _max;
    }

    internal static int Index(long value)
    {
        if (value < ExactBelow)
        {
            return (int)value;
        }

        var magnitude = 63 - BitOperations.LeadingZeroCount((ulong)value);
        if (magnitude >= MaxMagnitude)
        {
            magnitude = MaxMagnitude - 1;
            value = (1L << (MaxMagnitude)) - 1;
        }

        var shift = magnitude - 7;
        var sub = (int)(value >> shift) - SubBuckets;
        return ExactBelow + ((magnitude - 8) * SubBuckets) + sub;
    }

    internal static long HighestIn(int index)
    {
        if (index < ExactBelow)
        {
            return index;
        }

        var magnitude = ((index - ExactBelow) / SubBuckets) + 8;
        var sub = ((index - ExactBelow) % SubBuckets) + SubBuckets;
        var shift = magnitude - 7;
        return ((long)(sub + 1) << shift) - 1;
    }
}
