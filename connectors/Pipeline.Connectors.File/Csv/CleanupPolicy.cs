namespace Pipeline.Connectors.File.Csv;

/// <summary>What the CSV source does with a file once all its rows were written (<c>cleanup.policy</c>).</summary>
public enum CleanupPolicy
{
    /// <summary>Move it to <c>finished.path</c>.</summary>
    Move,

    /// <summary>Delete it.</summary>
    Delete,

    /// <summary>Leave it; the committed offset (and, until a restart, memory) says it is done.</summary>
    None,
}
