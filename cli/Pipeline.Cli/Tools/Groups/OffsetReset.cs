namespace Pipeline.Cli.Tools.Groups;

/// <summary>A reset scenario with its argument: <see cref="Value"/> for --to-offset and --shift-by, <see cref="Time"/> for --to-datetime and --by-duration (already turned into a time).</summary>
public sealed record OffsetReset(OffsetResetKind Kind, long Value = 0, DateTimeOffset Time = default)
{
    public bool NeedsTimestampLookup => Kind is OffsetResetKind.ToDatetime or OffsetResetKind.ByDuration;
}
