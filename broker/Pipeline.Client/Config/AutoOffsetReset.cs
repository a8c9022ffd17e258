namespace Pipeline.Client.Config;

/// <summary>auto.offset.reset: where to start when a partition has no committed offset, or its position is out of range.</summary>
public enum AutoOffsetReset
{
    /// <summary>"latest": the log end (only records written from now on).</summary>
    Latest,

    /// <summary>"earliest": the log start.</summary>
    Earliest,

    /// <summary>"none": fail the consume with OFFSET_OUT_OF_RANGE (or no offset) instead of guessing.</summary>
    None,
}
