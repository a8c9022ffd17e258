namespace Pipeline.Cli.Tools.Consume;

/// <summary>
/// Where <c>pipeline consume</c> reads and from where. With a group it subscribes (committed
/// offsets, else the log start with --from-beginning, else the end); without one it assigns the
/// partitions itself (every partition of the topics unless --partition) and starts at
/// <see cref="Offset"/> (an offset, or -2 earliest / -1 latest) or at <see cref="Timestamp"/>.
/// </summary>
public sealed record ConsumeStart
{
    public IReadOnlyList<string> Topics { get; init; } = [];

    /// <summary>--include: a regular expression of topic names instead of <see cref="Topics"/>.</summary>
    public string? Include { get; init; }

    public string? Group { get; init; }

    public IReadOnlyList<int> Partitions { get; init; } = [];

    public bool FromBeginning { get; init; }

    public long? Offset { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    public long MaxMessages { get; init; }

    /// <summary>Stop after this long without a record (null: never).</summary>
    public TimeSpan? IdleTimeout { get; init; }

    /// <summary>Stop when every assigned partition reached its end (kcat's -e).</summary>
    public bool ExitAtEnd { get; init; }

    public bool SkipMessageOnError { get; init; }
}
