namespace Pipeline.Cli.Tools.Groups;

/// <summary>A row of <c>groups list</c> (JSON: group, type, state, protocol_type).</summary>
public sealed record GroupSummary(string Group, string Type, string State, string ProtocolType);
