namespace Pipeline.Cli.Tools.Groups;

/// <summary>A group of <c>groups describe</c> (JSON: group, state, protocol_type, protocol, coordinator, members, offsets).</summary>
public sealed record GroupView(
    string Group,
    string State,
    string ProtocolType,
    string Protocol,
    int? Coordinator,
    IReadOnlyList<GroupMemberView> Members,
    IReadOnlyList<GroupOffsetRow> Offsets);
