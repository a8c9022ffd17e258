namespace Pipeline.Client.Group;

/// <summary>The heartbeat loop's next step (see <see cref="HeartbeatPlan"/>).</summary>
internal enum HeartbeatAction
{
    Wait,
    Send,
    PollExpired,
    SessionExpired,
}
