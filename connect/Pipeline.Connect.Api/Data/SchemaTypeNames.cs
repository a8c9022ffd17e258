namespace Pipeline.Connect.Api.Data;

/// <summary>Kafka's upper-case type names (INT32, STRUCT, ...), as error messages and REST answers show them.</summary>
public static class SchemaTypeNames
{
    /// <summary>The name of <paramref name="type"/>.</summary>
    public static string Of(SchemaType type) => type switch
    {
        SchemaType.Int8 => "INT8",
        SchemaType.Int16 => "INT16",
        SchemaType.Int32 => "INT32",
        SchemaType.Int64 => "INT64",
        SchemaType.Float32 => "FLOAT32",
        SchemaType.Float64 => "FLOAT64",
        SchemaType.Boolean => "BOOLEAN",
        SchemaType.String => "STRING",
        SchemaType.Bytes => "BYTES",
        SchemaType.Array => "ARRAY",
        SchemaType.Map => "MAP",
        SchemaType.Struct => "STRUCT",
        _ => type.ToString(),
    };
}
