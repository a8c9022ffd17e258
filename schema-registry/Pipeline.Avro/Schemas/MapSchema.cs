namespace Pipeline.Avro.Schemas;

/// <summary>A map from strings to <see cref="Values"/>.</summary>
public sealed class MapSchema : Schema
{
    public MapSchema(Schema values, SchemaProperties? properties = null)
        : base(SchemaType.Map, properties)
    {
        Values = values ?? throw new ArgumentNullException(nameof(values));
        InitializeLogicalType();
    }

    public Schema Values { get; }
}
