namespace Pipeline.Client.Group;

/// <summary>What the heartbeat loop should do next, decided under the member's lock.</summary>
internal readonly record struct HeartbeatPlan(HeartbeatAction Action, TimeSpan Wait, GroupGeneration Generation, TimeSpan SincePoll);
