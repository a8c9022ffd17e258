namespace Pipeline.SchemaRegistry.Schemas;

/// <summary>The seven compatibility levels, in Confluent's names (written upper-case, read case-insensitively).</summary>
public enum CompatibilityLevel
{
    None,
    Backward,
    BackwardTransitive,
    Forward,
    ForwardTransitive,
    Full,
    FullTransitive,
}
