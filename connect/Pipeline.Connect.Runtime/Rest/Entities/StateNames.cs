namespace Pipeline.Connect.Runtime.Rest.Entities;

/// <summary>The state strings of status answers.</summary>
public static class StateNames
{
    /// <summary>Known but not started or not assigned.</summary>
    public const string Unassigned = "UNASSIGNED";

    /// <summary>Running.</summary>
    public const string Running = "RUNNING";

    /// <summary>Paused by the user.</summary>
    public const string Paused = "PAUSED";

    /// <summary>Stopped by the user (connectors only).</summary>
    public const string Stopped = "STOPPED";

    /// <summary>Failed; a trace says why.</summary>
    public const string Failed = "FAILED";

    /// <summary>Being restarted (restart answers only).</summary>
    public const string Restarting = "RESTARTING";
}
