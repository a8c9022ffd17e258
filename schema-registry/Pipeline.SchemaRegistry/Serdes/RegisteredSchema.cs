using Pipeline.SchemaRegistry.Schemas;

namespace Pipeline.SchemaRegistry.Serdes;

/// <summary>A schema as the registry returned it: id, text, type and references; subject and version when it came from a subject version.</summary>
public sealed record RegisteredSchema(int Id, string Schema, string SchemaType, IReadOnlyList<SchemaReference> References, string? Subject = null, int? Version = null);
