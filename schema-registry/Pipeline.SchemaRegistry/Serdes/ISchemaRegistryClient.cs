using Pipeline.SchemaRegistry.Schemas;

namespace Pipeline.SchemaRegistry.Serdes;

/// <summary>The registry calls the serdes make (Confluent's ISchemaRegistryClient, the parts Avro needs). Implementations cache.</summary>
public interface ISchemaRegistryClient : IDisposable
{
    /// <summary>POST /subjects/{subject}/versions: the id (registering when needed).</summary>
    Task<int> RegisterSchemaAsync(string subject, string schema, IReadOnlyList<SchemaReference>? references = null, bool normalize = false, CancellationToken cancellationToken = default);

    /// <summary>POST /subjects/{subject}: the registered version of this schema (40401/40403 when it is not registered).</summary>
    Task<RegisteredSchema> LookupSchemaAsync(string subject, string schema, IReadOnlyList<SchemaReference>? references = null, bool normalize = false, CancellationToken cancellationToken = default);

    /// <summary>GET /schemas/ids/{id}.</summary>
    Task<RegisteredSchema> GetSchemaByIdAsync(int id, CancellationToken cancellationToken = default);

    /// <summary>GET /subjects/{subject}/versions/{version}; version -1 is the latest (never cached).</summary>
    Task<RegisteredSchema> GetSchemaAsync(string subject, int version, CancellationToken cancellationToken = default);

    /// <summary>POST /compatibility/subjects/{subject}/versions/latest.</summary>
    Task<bool> IsCompatibleAsync(string subject, string schema, IReadOnlyList<SchemaReference>? references = null, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<string>> GetSubjectsAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<int>> GetVersionsAsync(string subject, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<int>> DeleteSubjectAsync(string subject, bool permanent = false, CancellationToken cancellationToken = default);
}
