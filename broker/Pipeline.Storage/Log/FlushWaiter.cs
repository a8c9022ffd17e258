using System.Threading.Tasks.Sources;

namespace Pipeline.Storage.Log;

/// <summary>
/// A pooled awaitable for one FlushAsync caller. Exactly one party completes it: whoever removes
/// it from the flusher's waiting list (the flush round that covers its offset, or the
/// cancellation callback). It goes back to the pool when the awaiter reads the result.
/// Continuations run asynchronously so that callers never run on the flusher thread.
/// </summary>
internal sealed class FlushWaiter : IValueTaskSource
{
    private readonly GroupCommitFlusher _owner;
    private ManualResetValueTaskSourceCore<bool> _core;
    private CancellationTokenRegistration _registration;

    public FlushWaiter(GroupCommitFlusher owner)
    {
        _owner = owner;
        _core.RunContinuationsAsynchronously = true;
    }

    /// <summary>Set under the flusher's lock before the waiter is queued.</summary>
    public long Offset { get; set; }

    public short Version => _core.Version;

    public void RegisterCancellation(CancellationToken ct)
    {
        if (ct.CanBeCanceled)
        {
            _registration = ct.UnsafeRegister(static (state, token) => ((FlushWaiter)state!)._owner.Cancel((FlushWaiter)state!, token), this);
        }
    }

    public void Complete() => _core.SetResult(true);

    public void Fail(Exception error) => _core.SetException(error);

    public void GetResult(short token)
    {
        try
        {
            _core.GetResult(token);
        }
        finally
        {
            _registration.Dispose();
            _registration = default;
            _core.Reset();
            _owner.Return(this);
        }
    }

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
