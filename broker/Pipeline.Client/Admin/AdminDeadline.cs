using System.Diagnostics;
using Pipeline.Protocol;

namespace Pipeline.Client.Admin;

/// <summary>
/// The time budget of one admin operation: a token that fires at the deadline or when the caller
/// cancels, and backoff delays that never overrun it. Owned (and disposed) by the operation.
/// </summary>
internal sealed class AdminDeadline : IDisposable
{
    private readonly CancellationTokenSource _cts;
    private readonly CancellationToken _caller;
    private readonly long _start = Stopwatch.GetTimestamp();

    public AdminDeadline(TimeSpan timeout, CancellationToken caller)
    {
        Timeout = timeout;
        _caller = caller;
        _cts = CancellationTokenSource.CreateLinkedTokenSource(caller);
        _cts.CancelAfter(timeout);
    }

    public TimeSpan Timeout { get; }

    public CancellationToken Token => _cts.Token;

    public TimeSpan Remaining
    {
        get
        {
            var left = Timeout - Stopwatch.GetElapsedTime(_start);
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    public bool Expired => Remaining == TimeSpan.Zero;

    /// <summary>The request-level timeout to put in TimeoutMs fields (what is left, at least 1 ms).</summary>
    public int RemainingMs => (int)Math.Clamp(Remaining.TotalMilliseconds, 1, int.MaxValue);

    /// <summary>True when the token fired because of the deadline, not the caller.</summary>
    public bool TimedOut => _cts.IsCancellationRequested && !_caller.IsCancellationRequested;

    /// <summary>Throws <see cref="OperationCanceledException"/> when the caller (not the deadline) cancelled.</summary>
    public void ThrowIfCallerCancelled() => _caller.ThrowIfCancellationRequested();

    /// <summary>Waits <paramref name="delay"/> (capped at what is left); false when the deadline passed.</summary>
    public async Task<bool> DelayAsync(TimeSpan delay)
    {
        var left = Remaining;
        if (left == TimeSpan.Zero)
        {
            return false;
        }

        try
        {
            await Task.Delay(delay < left ? delay : left, Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (TimedOut)
        {
            return false;
        }

        return !Expired;
    }

    public KafkaException TimeoutError(string operation, KafkaError? last) =>
        new(ErrorCode.RequestTimedOut, $"{operation} timed out after {(long)Timeout.TotalMilliseconds} ms" + (last is { IsError: true } l ? $"; last error: {l}" : ""));

    public void Dispose() => _cts.Dispose();
}
