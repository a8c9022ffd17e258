namespace Pipeline.Avro.Schemas;

/// <summary>An array of <see cref="Items"/>.</summary>
public sealed class ArraySchema : Schema
{
    public ArraySchema(Schema items, SchemaProperties? properties = null)
        : base(SchemaType.Array, properties)
    {
        Items = items ?? throw new ArgumentNullException(nameof(items));
        InitializeLogicalType();
    }

    public Schema Items { get; }
}
