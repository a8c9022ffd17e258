using System.Diagnostics;

namespace Pipeline.Client.Group;

/// <summary>A point in time on the stopwatch clock ("give up after this"); <see cref="Infinite"/> never passes.</summary>
internal readonly record struct Deadline(long Timestamp)
{
    public static Deadline Infinite => new(long.MaxValue);

    public static Deadline After(TimeSpan timeout) =>
        timeout == Timeout.InfiniteTimeSpan || timeout >= TimeSpan.FromDays(365)
            ? Infinite
            : new Deadline(Stopwatch.GetTimestamp() + (long)(Math.Max(0, timeout.TotalSeconds) * Stopwatch.Frequency));

    public bool IsInfinite => Timestamp == long.MaxValue;

    public bool HasPassed => !IsInfinite && Stopwatch.GetTimestamp() >= Timestamp;

    /// <summary>Time left (zero once passed); <see cref="Timeout.InfiniteTimeSpan"/> for an infinite deadline.</summary>
    public TimeSpan Remaining
    {
        get
        {
            if (IsInfinite)
            {
                return Timeout.InfiniteTimeSpan;
            }

            var left = Timestamp - Stopwatch.GetTimestamp();
            return left <= 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(0, left);
        }
    }

    /// <summary>The earlier of the remaining time and <paramref name="cap"/>.</summary>
    public TimeSpan RemainingAtMost(TimeSpan cap)
    {
        var r = Remaining;
        return r == Timeout.InfiniteTimeSpan || r > cap ? cap : r;
    }

    /// <summary>Waits for <paramref name="task"/> (without observing its result) until the deadline; false when it passes first.</summary>
    public async Task<bool> WaitAsync(Task task, CancellationToken cancellationToken)
    {
        if (!task.IsCompleted)
        {
            await task.WaitAsync(Remaining, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (task.IsCompleted)
        {
            return true;
        }

        cancellationToken.ThrowIfCancellationRequested();
        return false;
    }
}
