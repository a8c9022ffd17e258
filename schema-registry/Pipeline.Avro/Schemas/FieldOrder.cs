namespace Pipeline.Avro.Schemas;

/// <summary>A field's sort order (<c>order</c> attribute).</summary>
public enum FieldOrder
{
    Ascending,
    Descending,
    Ignore,
}
