namespace Pipeline.Connect.Api.Data;

/// <summary>A value with its schema, as converters return it. The schema is null for schemaless data.</summary>
/// <param name="Schema">The schema of <paramref name="Value"/>, or null when the data carries none.</param>
/// <param name="Value">The value in the Connect data model (see <see cref="SchemaType"/>).</param>
public readonly record struct SchemaAndValue(Schema? Schema, object? Value)
{
    /// <summary>No schema and no value: what a converter returns for a null (tombstone) payload.</summary>
    public static SchemaAndValue Null => default;
}
