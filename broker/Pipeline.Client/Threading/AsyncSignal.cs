namespace Pipeline.Client.Threading;

/// <summary>
/// An auto-reset wake-up for one background loop (the sender, the metadata refresher). Any thread
/// may <see cref="Set"/> it, cheaply and without allocating when it is already set; the loop
/// awaits it with a timeout. A loop must do its scan after <see cref="WaitAsync"/> returns, so
/// that a change made before a Set that coalesced with an earlier one is still seen.
/// </summary>
internal sealed class AsyncSignal : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);
    private int _pending;

    public void Set()
    {
        if (Interlocked.CompareExchange(ref _pending, 1, 0) == 0)
        {
            _semaphore.Release();
        }
    }

    /// <summary>Waits for a Set (true) or the timeout (false). Throws when <paramref name="cancellationToken"/> fires.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (timeout < TimeSpan.Zero)
        {
            timeout = TimeSpan.Zero;
        }

        var got = await _semaphore.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        if (got)
        {
            Volatile.Write(ref _pending, 0);
        }

        return got;
    }

    public void Dispose() => _semaphore.Dispose();
}
