using Pipeline.Client.Config;
using Pipeline.Client.Metadata;
using Pipeline.Protocol;

namespace Pipeline.Client.Producer;

/// <summary>
/// The sender loop's view of the accumulator (Kafka's RecordAccumulator.ready/drain/expire):
/// which leaders have a sendable batch, taking one batch per partition of a node into a request,
/// expiring batches past delivery.timeout.ms, and putting retries back. Ordering rules: an
/// idempotent producer resends a sequenced batch only when nothing of its partition is in flight,
/// and with max.in.flight.requests.per.connection=1 a partition has at most one batch in flight.
/// Loop-owned (queue contents are still locked, since user threads append).
/// </summary>
internal sealed class BatchDrainer
{
    private readonly RecordAccumulator _accumulator;
    private readonly ProducerOptions _options;
    private readonly IdempotenceState _idempotence;
    private readonly Dictionary<int, int> _drainIndex = [];
    private readonly long _lingerTicks;
    private readonly long _deliveryTimeoutTicks;

    public BatchDrainer(RecordAccumulator accumulator, ProducerOptions options, IdempotenceState idempotence)
    {
        _accumulator = accumulator;
        _options = options;
        _idempotence = idempotence;
        _lingerTicks = Clock.Ticks(options.Linger);
        _deliveryTimeoutTicks = Clock.Ticks(options.DeliveryTimeout);
    }

    public ReadyCheck Ready(ClusterMetadata metadata, long now, bool sendAll)
    {
        var ready = new HashSet<int>();
        var next = long.MaxValue;
        var unknownLeaders = false;
        var exhausted = _accumulator.Memory.HasWaiters;
        foreach (var queue in _accumulator.Queues)
        {
            ProducerBatch? first;
            int count;
            lock (queue)
            {
                first = queue.First;
                count = queue.Count;
            }

            if (first is null)
            {
                continue;
            }

            var tp = queue.TopicPartition;
            var leader = metadata.LeaderOf(tp.Topic, tp.Partition);
            if (leader < 0)
            {
                unknownLeaders = true;
                continue;
            }

            if (ready.Contains(leader))
            {
                continue;
            }

            var backingOff = first.Attempts > 0 && first.RetryNotBefore > now;
            if (backingOff)
            {
                next = Math.Min(next, first.RetryNotBefore - now);
                continue;
            }

            var waited = now - first.CreatedTimestamp;
            var sendable = count > 1 || first.IsFull || first.Attempts > 0 || waited >= _lingerTicks || exhausted || sendAll;
            if (sendable)
            {
                ready.Add(leader);
            }
            else
            {
                next = Math.Min(next, _lingerTicks - waited);
            }
        }

        return new ReadyCheck(ready, next == long.MaxValue ? Timeout.InfiniteTimeSpan : Clock.Span(Math.Max(0, next)), unknownLeaders);
    }

    /// <summary>Takes the first batch of each partition led by <paramref name="node"/> (round-robin start), up to <paramref name="maxBytes"/>.</summary>
    public List<ProducerBatch> Drain(ClusterMetadata metadata, int node, int maxBytes, long now)
    {
        var mine = new List<PartitionQueue>();
        foreach (var queue in _accumulator.Queues)
        {
            if (metadata.LeaderOf(queue.TopicPartition.Topic, queue.TopicPartition.Partition) == node)
            {
                mine.Add(queue);
            }
        }

        var drained = new List<ProducerBatch>();
        if (mine.Count == 0)
        {
            return drained;
        }

        mine.Sort(static (a, b) => CompareTopicPartition(a.TopicPartition, b.TopicPartition));
        _drainIndex.TryGetValue(node, out var start);
        var size = 0;
        for (var i = 0; i < mine.Count; i++)
        {
            var queue = mine[(start + i) % mine.Count];
            var state = _idempotence.For(queue.TopicPartition);
            ProducerBatch batch;
            lock (queue)
            {
                if (queue.First is not { } first || (first.Attempts > 0 && first.RetryNotBefore > now))
                {
                    continue;
                }

                if ((_idempotence.Enabled && first.HasSequence && state.InFlight > 0) ||
                    (_options.MaxInFlightRequestsPerConnection == 1 && state.InFlight > 0))
                {
                    continue;
                }

                if (drained.Count > 0 && size + first.EstimatedSize > maxBytes)
                {
                    break;
                }

                batch = queue.RemoveFirst();
                batch.Close();
            }

            if (_idempotence.Enabled && !batch.HasSequence)
            {
                batch.SetProducerState(_idempotence.ProducerId, _idempotence.Epoch, state.TakeSequences(batch.RecordCount));
            }

            batch.Build(_options.CompressionType, _options.CompressionLevel);
            batch.InFlight = true;
            batch.EverSent = true;
            state.InFlight++;
            size += batch.Built.Length;
            drained.Add(batch);
            _drainIndex[node] = (start + i + 1) % mine.Count;
        }

        return drained;
    }

    /// <summary>Removes and returns queued batches older than delivery.timeout.ms (or every batch, when <paramref name="all"/>).</summary>
    public List<ProducerBatch> Expire(long now, bool all = false)
    {
        List<ProducerBatch>? expired = null;
        foreach (var queue in _accumulator.Queues)
        {
            lock (queue)
            {
                for (var i = 0; i < queue.Count; i++)
                {
                    var b = queue[i];
                    if (all || now - b.CreatedTimestamp >= _deliveryTimeoutTicks)
                    {
                        b.Close();
                        (expired ??= []).Add(b);
                        queue.RemoveAt(i);
                        i--;
                    }
                }
            }
        }

        return expired ?? [];
    }

    public bool IsDeliveryExpired(ProducerBatch batch, long now) => now - batch.CreatedTimestamp >= _deliveryTimeoutTicks;

    public void Reenqueue(ProducerBatch batch)
    {
        foreach (var queue in _accumulator.Queues)
        {
            if (queue.TopicPartition == batch.TopicPartition)
            {
                lock (queue)
                {
                    queue.AddRetry(batch);
                }

                return;
            }
        }
    }

    /// <summary>After an epoch bump every queued batch gets a new sequence when next drained.</summary>
    public void ClearQueuedSequences()
    {
        foreach (var queue in _accumulator.Queues)
        {
            lock (queue)
            {
                for (var i = 0; i < queue.Count; i++)
                {
                    if (queue[i].HasSequence)
                    {
                        queue[i].ClearSequence();
                    }
                }
            }
        }
    }

    private static int CompareTopicPartition(TopicPartition a, TopicPartition b)
    {
        var c = string.CompareOrdinal(a.Topic, b.Topic);
        return c != 0 ? c : a.Partition.CompareTo(b.Partition);
    }
}
