using Pipeline.Client.Network;
using Pipeline.Protocol.Messages;

namespace Pipeline.Client.Consumer.Fetching;

/// <summary>
/// A Fetch response whose records still point into its pooled frame (<see cref="ResponseLease{T}"/>),
/// shared by the <see cref="CompletedFetch"/>es of its partitions: the frame goes back to the pool
/// when the last of them is drained or dropped.
/// <para>Threads: references are taken on the fetcher loop and released on the application thread.</para>
/// </summary>
internal sealed class FetchBuffer
{
    private readonly ResponseLease<FetchResponse> _lease;
    private int _references = 1;

    public FetchBuffer(ResponseLease<FetchResponse> lease) => _lease = lease;

    public FetchResponse Response => _lease.Response;

    public void AddReference() => Interlocked.Increment(ref _references);

    public void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            _lease.Dispose();
        }
    }
}
