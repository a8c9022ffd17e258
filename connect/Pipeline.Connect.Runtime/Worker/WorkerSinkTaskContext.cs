using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Sink;

namespace Pipeline.Connect.Runtime.Worker;

/// <summary>
/// A sink task's context. The task calls it from its own thread (inside PutAsync and friends),
/// which is also the consumer's loop thread; requests are buffered here and applied by the loop.
/// </summary>
internal sealed class WorkerSinkTaskContext(IReadOnlyDictionary<string, string> configs, IErrantRecordReporter? reporter) : ISinkTaskContext
{
    private readonly Lock _lock = new();
    private readonly Dictionary<TopicPartition, long> _offsets = [];
    private readonly HashSet<TopicPartition> _paused = [];
    private readonly HashSet<TopicPartition> _toPause = [];
    private readonly HashSet<TopicPartition> _toResume = [];

    public IReadOnlyDictionary<string, string> Configs { get; } = configs;

    public IReadOnlyCollection<TopicPartition> Assignment { get; set; } = [];

    public IErrantRecordReporter? ErrantRecordReporter { get; } = reporter;

    public long TimeoutMs { get; private set; }

    public volatile bool CommitRequested;

    /// <summary>Partitions the task paused itself (kept paused across a framework pause and resume).</summary>
    public IReadOnlyCollection<TopicPartition> PausedByTask
    {
        get
        {
            lock (_lock)
            {
                return [.. _paused];
            }
        }
    }

    public void Offset(IReadOnlyDictionary<TopicPartition, long> offsets)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        lock (_lock)
        {
            foreach (var (tp, offset) in offsets)
            {
                _offsets[tp] = offset;
            }
        }
    }

    public void Offset(TopicPartition partition, long offset)
    {
        lock (_lock)
        {
            _offsets[partition] = offset;
        }
    }

    public void Timeout(long timeoutMs) => TimeoutMs = timeoutMs;

    public void Pause(params TopicPartition[] partitions)
    {
        lock (_lock)
        {
            foreach (var tp in partitions)
            {
                _paused.Add(tp);
                _toPause.Add(tp);
                _toResume.Remove(tp);
            }
        }
    }

    public void Resume(params TopicPartition[] partitions)
    {
        lock (_lock)
        {
            foreach (var tp in partitions)
            {
                _paused.Remove(tp);
                _toResume.Add(tp);
                _toPause.Remove(tp);
            }
        }
    }

    public void RequestCommit() => CommitRequested = true;

    /// <summary>Takes the offsets the task asked to seek to (optionally only those of <paramref name="partitions"/>).</summary>
    public Dictionary<TopicPartition, long> TakeOffsets(IReadOnlyCollection<TopicPartition>? partitions = null)
    {
        lock (_lock)
        {
            var taken = new Dictionary<TopicPartition, long>();
            foreach (var (tp, offset) in _offsets)
            {
                if (partitions is null || partitions.Contains(tp))
                {
                    taken[tp] = offset;
                }
            }

            foreach (var tp in taken.Keys)
            {
                _offsets.Remove(tp);
            }

            return taken;
        }
    }

    /// <summary>Takes the pause and resume requests made since the last call.</summary>
    public (List<TopicPartition> Pause, List<TopicPartition> Resume) TakePauseRequests()
    {
        lock (_lock)
        {
            var result = (_toPause.ToList(), _toResume.ToList());
            _toPause.Clear();
            _toResume.Clear();
            return result;
        }
    }
}
