using Pipeline.SchemaRegistry.Schemas;

namespace Pipeline.SchemaRegistry.Store;

/// <summary>A CONFIG value: the compatibility level and the normalize flag (either may be unset: then the global or default applies).</summary>
public sealed record SubjectConfig(CompatibilityLevel? CompatibilityLevel, bool? Normalize)
{
    /// <summary>This config with <paramref name="over"/>'s set fields on top (Confluent merges subject over global).</summary>
    public SubjectConfig MergedWith(SubjectConfig over) => new(over.CompatibilityLevel ?? CompatibilityLevel, over.Normalize ?? Normalize);
}
