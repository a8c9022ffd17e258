namespace Pipeline.Avro.Compatibility;

/// <summary>Compatible, or incompatible with every reason found (all are collected, not just the first).</summary>
public sealed class SchemaCompatibilityResult
{
    internal static readonly SchemaCompatibilityResult Compatible = new([]);

    internal SchemaCompatibilityResult(IReadOnlyList<SchemaIncompatibility> incompatibilities) => Incompatibilities = incompatibilities;

    public bool IsCompatible => Incompatibilities.Count == 0;

    public IReadOnlyList<SchemaIncompatibility> Incompatibilities { get; }

    internal SchemaCompatibilityResult MergedWith(SchemaCompatibilityResult other)
    {
        if (other.Incompatibilities.Count == 0)
        {
            return this;
        }

        if (Incompatibilities.Count == 0)
        {
            return other;
        }

        return new SchemaCompatibilityResult([.. Incompatibilities, .. other.Incompatibilities]);
    }
}
