using Pipeline.Client.Metadata;

namespace Pipeline.Client.Producer;

/// <summary>
/// Sends to a topic whose metadata is not known yet, held in send order until it is (then
/// appended by one drain task, oldest first; sends arriving meanwhile queue behind them), so that
/// ProduceAsync calls made one after another keep their order even when the first ones had to
/// wait. Sync Produce calls wait for the queue to empty first (<see cref="WhenDrained"/>).
/// A failed metadata wait fails every queued send.
/// </summary>
internal sealed class PendingSends
{
    private readonly object _lock = new();
    private readonly Dictionary<string, TopicQueue> _topics = new(StringComparer.Ordinal);
    private readonly Func<string, Task<TopicMetadata>> _waitForTopic;
    private readonly Action<TopicMetadata, PendingSend> _append;
    private readonly Action<PendingSend, Exception> _fail;

    public PendingSends(Func<string, Task<TopicMetadata>> waitForTopic, Action<TopicMetadata, PendingSend> append, Action<PendingSend, Exception> fail)
    {
        _waitForTopic = waitForTopic;
        _append = append;
        _fail = fail;
    }

    /// <summary>True when the send was queued; false when the caller should append it now (metadata ready, nothing queued).</summary>
    public bool TryQueue(PendingSend send, bool metadataReady)
    {
        TopicQueue queue;
        lock (_lock)
        {
            if (_topics.TryGetValue(send.Topic, out var existing))
            {
                existing.Items.Enqueue(send);
                return true;
            }

            if (metadataReady)
            {
                return false;
            }

            queue = new TopicQueue();
            queue.Items.Enqueue(send);
            _topics[send.Topic] = queue;
        }

        _ = Task.Run(() => DrainAsync(send.Topic, queue));
        return true;
    }

    /// <summary>Completes once nothing is queued for <paramref name="topic"/>.</summary>
    public Task WhenDrained(string topic)
    {
        lock (_lock)
        {
            return _topics.TryGetValue(topic, out var queue) ? queue.Drained.Task : Task.CompletedTask;
        }
    }

    private async Task DrainAsync(string topic, TopicQueue queue)
    {
        TopicMetadata? metadata = null;
        Exception? failure = null;
        try
        {
            metadata = await _waitForTopic(topic).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            failure = e;
        }

        while (true)
        {
            PendingSend? send;
            lock (_lock)
            {
                if (!queue.Items.TryDequeue(out send))
                {
                    _topics.Remove(topic);
                    break;
                }
            }

            if (failure is not null)
            {
                _fail(send, failure);
                continue;
            }

            try
            {
                _append(metadata!, send);
            }
            catch (Exception e)
            {
                _fail(send, e);
            }
        }

        queue.Drained.TrySetResult();
    }

    private sealed class TopicQueue
    {
        public Queue<PendingSend> Items { get; } = new();

        public TaskCompletionSource Drained { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
