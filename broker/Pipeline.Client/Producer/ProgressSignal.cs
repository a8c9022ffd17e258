namespace Pipeline.Client.Producer;

/// <summary>A task that completes at the next sign of progress (batches completed); Flush waits on it instead of polling.</summary>
internal sealed class ProgressSignal
{
    private readonly object _lock = new();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Next
    {
        get
        {
            lock (_lock)
            {
                return _next.Task;
            }
        }
    }

    public void Signal()
    {
        TaskCompletionSource done;
        lock (_lock)
        {
            done = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        done.TrySetResult();
    }
}
