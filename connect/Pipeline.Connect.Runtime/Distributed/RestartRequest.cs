namespace Pipeline.Connect.Runtime.Distributed;

/// <summary>A restart asked for through the config topic (KIP-745): every worker restarts the instances of the connector it runs.</summary>
public sealed record RestartRequest(string Connector, bool OnlyFailed, bool IncludeTasks);
