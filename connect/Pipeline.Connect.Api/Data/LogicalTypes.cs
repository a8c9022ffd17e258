using System.Collections;

namespace Pipeline.Connect.Api.Data;

/// <summary>Which .NET values each schema accepts: by logical name first, then by type.</summary>
internal static class LogicalTypes
{
    public static bool IsValidClrValue(Schema schema, object value)
    {
        switch (schema.Name)
        {
            case ConnectDecimal.LogicalName when schema.Type == SchemaType.Bytes:
                return value is decimal;
            case ConnectDate.LogicalName when schema.Type == SchemaType.Int32:
                return value is DateOnly;
            case ConnectTime.LogicalName when schema.Type == SchemaType.Int32:
                return value is TimeOnly;
            case ConnectTimestamp.LogicalName when schema.Type == SchemaType.Int64:
                return value is DateTimeOffset or DateTime;
        }

        return schema.Type switch
        {
            SchemaType.Int8 => value is sbyte,
            SchemaType.Int16 => value is short,
            SchemaType.Int32 => value is int,
            SchemaType.Int64 => value is long,
            SchemaType.Float32 => value is float,
            SchemaType.Float64 => value is double,
            SchemaType.Boolean => value is bool,
            SchemaType.String => value is string,
            SchemaType.Bytes => value is byte[],
            SchemaType.Array => value is IList and not byte[],
            SchemaType.Map => value is IDictionary,
            SchemaType.Struct => value is Struct,
            _ => false,
        };
    }
}
