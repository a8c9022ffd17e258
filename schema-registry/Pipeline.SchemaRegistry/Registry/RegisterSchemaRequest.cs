using Pipeline.SchemaRegistry.Schemas;

namespace Pipeline.SchemaRegistry.Registry;

/// <summary>The body of register, lookup and compatibility requests (Confluent's RegisterSchemaRequest); <c>metadata</c> and <c>ruleSet</c> are not supported and ignored.</summary>
public sealed record RegisterSchemaRequest(string? Schema, string? SchemaType, IReadOnlyList<SchemaReference> References, int? Id, int? Version)
{
    /// <summary>The type, AVRO when absent.</summary>
    public string Type => string.IsNullOrEmpty(SchemaType) ? "AVRO" : SchemaType;
}
