namespace Pipeline.Avro.Schemas;

/// <summary>The two spellings of a type: the JSON name (<c>int</c>) and Java's enum name (<c>INT</c>), used in messages.</summary>
public static class SchemaTypeNames
{
    public static string JsonName(SchemaType type) => type switch
    {
        SchemaType.Record => "record",
        SchemaType.Enum => "enum",
        SchemaType.Array => "array",
        SchemaType.Map => "map",
        SchemaType.Union => "union",
        SchemaType.Fixed => "fixed",
        SchemaType.String => "string",
        SchemaType.Bytes => "bytes",
        SchemaType.Int => "int",
        SchemaType.Long => "long",
        SchemaType.Float => "float",
        SchemaType.Double => "double",
        SchemaType.Boolean => "boolean",
        SchemaType.Null => "null",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>Java's <c>Schema.Type.toString()</c>: what SchemaCompatibility messages print.</summary>
    public static string JavaName(SchemaType type) => JsonName(type).ToUpperInvariant();

    /// <summary>The primitive type for a JSON name, or false for anything else.</summary>
    public static bool TryGetPrimitive(string name, out SchemaType type)
    {
        switch (name)
        {
            case "null": type = SchemaType.Null; return true;
            case "boolean": type = SchemaType.Boolean; return true;
            case "int": type = SchemaType.Int; return true;
            case "long": type = SchemaType.Long; return true;
            case "float": type = SchemaType.Float; return true;
            case "double": type = SchemaType.Double; return true;
            case "bytes": type = SchemaType.Bytes; return true;
            case "string": type = SchemaType.String; return true;
            default: type = default; return false;
        }
    }

    public static bool IsPrimitive(SchemaType type) => type >= SchemaType.String;
}
