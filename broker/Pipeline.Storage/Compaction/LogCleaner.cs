using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Pipeline.Protocol;
using Pipeline.Storage.Log;

namespace Pipeline.Storage.Compaction;

/// <summary>placeholder while the cleaner is written</summary>
internal sealed class LogCleaner(long dedupeBufferSize, TimeProvider time, ILogger logger)
{
    private readonly ConcurrentDictionary<TopicPartition, (string Dir, long Offset)> _checkpoints = new();

    public void LoadCheckpoint(string dir, Dictionary<TopicPartition, long> entries)
    {
        foreach (var (tp, offset) in entries)
        {
            _checkpoints[tp] = (dir, offset);
        }
    }

    public List<KeyValuePair<TopicPartition, long>> CheckpointEntries(string dir)
    {
        var result = new List<KeyValuePair<TopicPartition, long>>();
        foreach (var (tp, (d, offset)) in _checkpoints)
        {
            if (d == dir)
            {
                result.Add(new(tp, offset));
            }
        }

        return result;
    }

    public void Forget(TopicPartition tp) => _checkpoints.TryRemove(tp, out _);

    public int RunPass(IEnumerable<PartitionLog> logs, CancellationToken ct)
    {
        _ = (dedupeBufferSize, time, logger, logs, ct);
        return 0;
    }
}
