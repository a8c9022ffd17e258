namespace Pipeline.SchemaRegistry.Schemas;

/// <summary>What writes a subject (or the whole registry) accepts (Confluent's Mode).</summary>
public enum RegistryMode
{
    /// <summary>Registrations without ids, compatibility checked (the default).</summary>
    ReadWrite,

    /// <summary>No writes at all.</summary>
    ReadOnly,

    /// <summary>Deprecated spelling of <see cref="ReadOnly"/> at the global level.</summary>
    ReadOnlyOverride,

    /// <summary>Registrations carry their ids (and may carry versions); no compatibility checks.</summary>
    Import,

    /// <summary>Global only: like IMPORT for checks.</summary>
    Forward,
}
