namespace Pipeline.SchemaRegistry.Store;

/// <summary>The <c>keytype</c> of a <c>_schemas</c> record (Confluent's SchemaRegistryKeyType).</summary>
public enum StoreKeyType
{
    Schema,
    Config,
    Mode,
    Noop,
    DeleteSubject,
    ClearSubject,
    Context,

    /// <summary>A key type this registry does not use (ASSOC, ...): read and ignored.</summary>
    Other,
}
