namespace Pipeline.Connect.Runtime.Worker;

/// <summary>
/// The source records a task has handed to the producer, per source partition in submission order,
/// so that an offset is committed only once its record and every earlier record of the same source
/// partition were acknowledged (Kafka's SubmittedRecords). Submitted on the task thread,
/// acknowledged on the producer's I/O loop: every member takes the lock.
/// </summary>
internal sealed class SubmittedRecords
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, PartitionQueue> _partitions = new(StringComparer.Ordinal);
    private int _pending;

    /// <summary>Records submitted but not yet acknowledged.</summary>
    public int Pending
    {
        get
        {
            lock (_lock)
            {
                return _pending;
            }
        }
    }

    /// <summary>Registers a record; <paramref name="partitionKey"/> identifies its source partition (its offset key text).</summary>
    public Submitted Submit(string partitionKey, IReadOnlyDictionary<string, object?> partition, IReadOnlyDictionary<string, object?>? offset)
    {
        var record = new Submitted(this, partitionKey, partition, offset);
        lock (_lock)
        {
            if (!_partitions.TryGetValue(partitionKey, out var queue))
            {
                queue = new PartitionQueue(partition);
                _partitions[partitionKey] = queue;
            }

            queue.Records.Enqueue(record);
            _pending++;
        }

        return record;
    }

    /// <summary>
    /// Removes the acknowledged prefix of every partition and returns, per partition, the offset of
    /// the last record of that prefix (partitions with nothing new are left out).
    /// </summary>
    public List<(IReadOnlyDictionary<string, object?> Partition, IReadOnlyDictionary<string, object?>? Offset)> DrainCommittable()
    {
        var result = new List<(IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?)>();
        lock (_lock)
        {
            List<string>? empty = null;
            foreach (var (key, queue) in _partitions)
            {
                Submitted? last = null;
                while (queue.Records.TryPeek(out var head) && head.Acked)
                {
                    last = queue.Records.Dequeue();
                }

                if (last is not null)
                {
                    result.Add((queue.Partition, last.Offset));
                }

                if (queue.Records.Count == 0)
                {
                    (empty ??= []).Add(key);
                }
            }

            foreach (var key in empty ?? [])
            {
                _partitions.Remove(key);
            }
        }

        return result;
    }

    /// <summary>Waits until nothing is pending or <paramref name="timeout"/> passes; true when nothing is pending.</summary>
    public async Task<bool> AwaitAllAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Pending > 0)
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    private void Ack(Submitted record)
    {
        lock (_lock)
        {
            if (!record.Acked)
            {
                record.Acked = true;
                _pending--;
            }
        }
    }

    /// <summary>One submitted record; <see cref="Ack"/> once the broker acknowledged it (or it was skipped).</summary>
    internal sealed class Submitted(SubmittedRecords owner, string partitionKey, IReadOnlyDictionary<string, object?> partition, IReadOnlyDictionary<string, object?>? offset)
    {
        public string PartitionKey { get; } = partitionKey;

        public IReadOnlyDictionary<string, object?> Partition { get; } = partition;

        public IReadOnlyDictionary<string, object?>? Offset { get; } = offset;

        public bool Acked { get; set; }

        public void Ack() => owner.Ack(this);
    }

    private sealed class PartitionQueue(IReadOnlyDictionary<string, object?> partition)
    {
        public IReadOnlyDictionary<string, object?> Partition { get; } = partition;

        public Queue<Submitted> Records { get; } = new();
    }
}
