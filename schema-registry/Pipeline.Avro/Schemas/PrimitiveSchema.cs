namespace Pipeline.Avro.Schemas;

/// <summary>null, boolean, int, long, float, double, bytes or string, possibly with attributes (a logical type).</summary>
public sealed class PrimitiveSchema : Schema
{
    private static readonly PrimitiveSchema[] Plain = CreatePlain();

    public PrimitiveSchema(SchemaType type, SchemaProperties? properties = null)
        : base(type, properties)
    {
        if (!SchemaTypeNames.IsPrimitive(type))
        {
            throw new ArgumentException($"{type} is not a primitive type", nameof(type));
        }

        InitializeLogicalType();
    }

    /// <summary>The shared attribute-less instance of a primitive type.</summary>
    public static PrimitiveSchema Of(SchemaType type) => SchemaTypeNames.IsPrimitive(type)
        ? Plain[(int)type - (int)SchemaType.String]
        : throw new ArgumentException($"{type} is not a primitive type", nameof(type));

    /// <summary>A primitive carrying a logical type, e.g. <c>WithLogicalType(SchemaType.Int, LogicalTypeKind.Date)</c>.</summary>
    public static PrimitiveSchema WithLogicalType(SchemaType type, LogicalTypeKind kind, int precision = 0, int scale = 0) =>
        new(type, LogicalType.Properties(kind, precision, scale));

    private static PrimitiveSchema[] CreatePlain()
    {
        var result = new PrimitiveSchema[(int)SchemaType.Null - (int)SchemaType.String + 1];
        for (var t = SchemaType.String; t <= SchemaType.Null; t++)
        {
            result[(int)t - (int)SchemaType.String] = new PrimitiveSchema(t);
        }

        return result;
    }
}
