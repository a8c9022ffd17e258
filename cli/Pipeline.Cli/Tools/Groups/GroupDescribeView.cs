namespace Pipeline.Cli.Tools.Groups;

/// <summary>What <c>groups describe</c> prints as a table: offsets and lag (default), <c>--members</c> or <c>--state</c>. JSON always has everything.</summary>
public enum GroupDescribeView
{
    Offsets,
    Members,
    State,
}
