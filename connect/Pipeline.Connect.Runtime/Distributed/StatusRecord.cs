namespace Pipeline.Connect.Runtime.Distributed;

/// <summary>
/// A connector's or task's state as written to the status topic (Kafka's AbstractStatus):
/// state (UNASSIGNED, RUNNING, PAUSED, STOPPED, FAILED, RESTARTING), the failure trace, the worker
/// that wrote it and the group generation it wrote it in.
/// </summary>
public sealed record StatusRecord(string State, string? Trace, string WorkerId, int Generation);
