using Pipeline.Protocol;

namespace Pipeline.Client.Producer;

/// <summary>
/// The batches of one partition, oldest first. Appends (user threads) and drains (the sender)
/// lock the queue itself. Retried batches go back in front, ordered by sequence number, so that
/// an idempotent producer resends them in their original order.
/// </summary>
internal sealed class PartitionQueue
{
    private readonly List<ProducerBatch> _batches = [];

    public PartitionQueue(TopicPartition topicPartition) => TopicPartition = topicPartition;

    public TopicPartition TopicPartition { get; }

    /// <summary>Only under the lock.</summary>
    public int Count => _batches.Count;

    /// <summary>Only under the lock.</summary>
    public ProducerBatch? First => _batches.Count > 0 ? _batches[0] : null;

    /// <summary>Only under the lock.</summary>
    public ProducerBatch? Last => _batches.Count > 0 ? _batches[^1] : null;

    /// <summary>Only under the lock.</summary>
    public ProducerBatch this[int index] => _batches[index];

    public void AddLast(ProducerBatch batch) => _batches.Add(batch);

    public ProducerBatch RemoveFirst()
    {
        var b = _batches[0];
        _batches.RemoveAt(0);
        return b;
    }

    public void RemoveAt(int index) => _batches.RemoveAt(index);

    /// <summary>Puts a retried batch back: before every batch without a sequence or with a higher one.</summary>
    public void AddRetry(ProducerBatch batch)
    {
        var i = 0;
        if (batch.HasSequence)
        {
            while (i < _batches.Count && _batches[i].HasSequence && _batches[i].BaseSequence < batch.BaseSequence)
            {
                i++;
            }
        }

        _batches.Insert(i, batch);
    }
}
