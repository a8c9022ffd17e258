namespace Pipeline.Avro.Schemas;

/// <summary>A fixed number of bytes.</summary>
public sealed class FixedSchema : NamedSchema
{
    public FixedSchema(SchemaName name, int size, string? doc = null, IEnumerable<string>? aliases = null, SchemaProperties? properties = null)
        : base(SchemaType.Fixed, name, doc, aliases, properties)
    {
        if (size < 0)
        {
            throw new AvroSchemaException($"fixed size {size} is negative", "size");
        }

        Size = size;
        InitializeLogicalType();
    }

    public int Size { get; }
}
