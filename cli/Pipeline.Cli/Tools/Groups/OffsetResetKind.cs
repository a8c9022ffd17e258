namespace Pipeline.Cli.Tools.Groups;

/// <summary>kafka-consumer-groups' reset scenarios: --to-earliest, --to-latest, --to-current, --to-offset, --shift-by, --to-datetime, --by-duration.</summary>
public enum OffsetResetKind
{
    ToEarliest,
    ToLatest,
    ToCurrent,
    ToOffset,
    ShiftBy,
    ToDatetime,
    ByDuration,
}
