using Pipeline.Connect.Api.Connectors;

namespace Pipeline.Connect.Api.Source;

/// <summary>
/// Reads records from an outside system. <see cref="PollAsync"/> is called in a loop on the task's
/// own thread; records it returns are converted, transformed and produced, and their source
/// offsets committed every <c>offset.flush.interval.ms</c> once written.
/// </summary>
public abstract class SourceTask : ITask
{
    private ISourceTaskContext? _context;

    /// <summary>The context given by <see cref="Initialize"/>.</summary>
    protected ISourceTaskContext Context => _context ?? throw new InvalidOperationException("the task was not initialized");

    /// <inheritdoc/>
    public abstract string Version { get; }

    /// <summary>Called once before <see cref="Start"/>.</summary>
    public virtual void Initialize(ISourceTaskContext context) => _context = context;

    /// <inheritdoc/>
    public abstract void Start(IReadOnlyDictionary<string, string> props);

    /// <summary>
    /// The next records, or null/empty when there are none yet (wait a little inside rather than
    /// spin). Cancelled when the task stops or pauses. Throwing a
    /// <see cref="Errors.RetriableException"/> polls again; any other exception fails the task.
    /// </summary>
    public abstract ValueTask<IReadOnlyList<SourceRecord>?> PollAsync(CancellationToken cancellationToken);

    /// <summary>Called after offsets were committed (e.g. to acknowledge messages upstream).</summary>
    public virtual void Commit()
    {
    }

    /// <summary>Called once per record after it was written (<paramref name="metadata"/> null when a transform dropped it).</summary>
    public virtual void CommitRecord(SourceRecord record, RecordMetadata? metadata)
    {
    }

    /// <inheritdoc/>
    public abstract void Stop();
}
