using System.Diagnostics;

namespace Pipeline.Client.Producer;

/// <summary>Stopwatch-tick helpers: the producer measures linger, backoff and timeouts in monotonic ticks.</summary>
internal static class Clock
{
    public static long Now => Stopwatch.GetTimestamp();

    public static long Ticks(TimeSpan span) => span == Timeout.InfiniteTimeSpan ? long.MaxValue / 2 : (long)(span.TotalSeconds * Stopwatch.Frequency);

    public static TimeSpan Span(long ticks) => TimeSpan.FromSeconds((double)ticks / Stopwatch.Frequency);
}
