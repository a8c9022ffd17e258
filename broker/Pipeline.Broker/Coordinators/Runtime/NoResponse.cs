namespace Pipeline.Broker.Coordinators.Runtime;

/// <summary>The response type of operations that answer nobody (timers, internal clean-ups).</summary>
public readonly record struct NoResponse;
