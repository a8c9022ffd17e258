namespace Pipeline.Connect.Api.Sink;

/// <summary>What the runtime offers a sink task.</summary>
public interface ISinkTaskContext
{
    /// <summary>The task's config.</summary>
    IReadOnlyDictionary<string, string> Configs { get; }

    /// <summary>The partitions currently assigned to the task.</summary>
    IReadOnlyCollection<TopicPartition> Assignment { get; }

    /// <summary>Where to report records that cannot be written; null if the runtime offers none.</summary>
    IErrantRecordReporter? ErrantRecordReporter { get; }

    /// <summary>Rewinds (or skips) consumption of the given partitions to these offsets (e.g. offsets the sink stored itself).</summary>
    void Offset(IReadOnlyDictionary<TopicPartition, long> offsets);

    /// <summary>Rewinds (or skips) one partition.</summary>
    void Offset(TopicPartition partition, long offset);

    /// <summary>After a <see cref="Errors.RetriableException"/> from PutAsync, wait this long before retrying the same records.</summary>
    void Timeout(long timeoutMs);

    /// <summary>Stops fetching from these partitions until <see cref="Resume"/>.</summary>
    void Pause(params TopicPartition[] partitions);

    /// <summary>Fetches from these partitions again.</summary>
    void Resume(params TopicPartition[] partitions);

    /// <summary>Asks for an offset commit (flush, then commit) as soon as possible.</summary>
    void RequestCommit();
}
