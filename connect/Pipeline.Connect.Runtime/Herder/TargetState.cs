namespace Pipeline.Connect.Runtime.Herder;

/// <summary>What the user asked a connector to be (stored with its config): running, paused or stopped (tasks shut down, config kept).</summary>
public enum TargetState
{
    /// <summary>Running.</summary>
    Started,

    /// <summary>Tasks kept but not moving data.</summary>
    Paused,

    /// <summary>Connector and tasks shut down; config and offsets kept (needed to alter offsets).</summary>
    Stopped,
}
