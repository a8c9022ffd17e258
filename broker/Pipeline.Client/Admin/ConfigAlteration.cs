namespace Pipeline.Client.Admin;

/// <summary>One incremental change: set, delete (back to the default), append to or subtract from a list.</summary>
public sealed record ConfigAlteration(string Name, string? Value, AlterConfigOpType Operation = AlterConfigOpType.Set);
