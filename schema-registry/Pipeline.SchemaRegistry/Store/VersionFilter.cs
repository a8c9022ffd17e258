namespace Pipeline.SchemaRegistry.Store;

/// <summary>Which versions a listing returns (Confluent's LookupFilter).</summary>
public enum VersionFilter
{
    /// <summary>Live versions only.</summary>
    Live,

    /// <summary>Live and soft-deleted (<c>deleted=true</c>).</summary>
    IncludeDeleted,

    /// <summary>Soft-deleted only (<c>deletedOnly=true</c>).</summary>
    DeletedOnly,
}
