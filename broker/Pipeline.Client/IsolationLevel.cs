namespace Pipeline.Client;

/// <summary>Which records a reader may see (Fetch and ListOffsets IsolationLevel field).</summary>
public enum IsolationLevel : sbyte
{
    ReadUncommitted = 0,

    /// <summary>Only up to the last stable offset: no open or aborted transactional records.</summary>
    ReadCommitted = 1,
}
