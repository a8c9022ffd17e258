using Pipeline.SchemaRegistry.Schemas;

namespace Pipeline.SchemaRegistry.Store;

/// <summary>One subject version as the <c>_schemas</c> topic holds it (Confluent's SchemaValue).</summary>
public sealed record StoredSchema(string Subject, int Version, int Id, string SchemaType, IReadOnlyList<SchemaReference> References, string Schema, bool Deleted)
{
    /// <summary>What makes two registrations the same schema (Confluent hashes the text and the references): the id is shared.</summary>
    public string IdentityKey => Identity(Schema, References);

    public static string Identity(string schema, IReadOnlyList<SchemaReference> references) =>
        references.Count == 0 ? schema : schema + "\u0000" + string.Join("\u0000", references.Select(r => $"{r.Name}\u0001{r.Subject}\u0001{r.Version}"));
}
