namespace Pipeline.Client.Admin;

/// <summary>IncrementalAlterConfigs operations (KIP-339).</summary>
public enum AlterConfigOpType : sbyte
{
    Set = 0,
    Delete = 1,

    /// <summary>Adds to a list config.</summary>
    Append = 2,

    /// <summary>Removes from a list config.</summary>
    Subtract = 3,
}
