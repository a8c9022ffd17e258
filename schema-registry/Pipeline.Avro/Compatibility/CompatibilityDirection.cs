namespace Pipeline.Avro.Compatibility;

/// <summary>Which way a check went.</summary>
public enum CompatibilityDirection
{
    /// <summary>New schema as reader, previous schema as writer (BACKWARD).</summary>
    NewReadsPrevious,

    /// <summary>Previous schema as reader, new schema as writer (FORWARD).</summary>
    PreviousReadsNew,
}
