using System.Text.Json;

namespace Pipeline.Avro.Schemas;

/// <summary>
/// Java's default-value validation (Schema.isValidDefault), which runs whenever a field is built:
/// int/long integral and in range; float/double any number; string, bytes, enum and fixed any
/// string (symbol membership and fixed length are not checked, as in Java); arrays, maps and
/// records recursively; a union default may match any branch (Avro 1.12).
/// </summary>
public static class DefaultValues
{
    public static bool IsValid(Schema schema, JsonElement value)
    {
        switch (schema.Type)
        {
            case SchemaType.String:
            case SchemaType.Bytes:
            case SchemaType.Enum:
            case SchemaType.Fixed:
                return value.ValueKind == JsonValueKind.String;
            case SchemaType.Int:
                return value.ValueKind == JsonValueKind.Number && JsonNumbers.IsIntegral(value) && value.TryGetInt32(out _);
            case SchemaType.Long:
                return value.ValueKind == JsonValueKind.Number && JsonNumbers.IsIntegral(value) && value.TryGetInt64(out _);
            case SchemaType.Float:
            case SchemaType.Double:
                return value.ValueKind == JsonValueKind.Number || (value.ValueKind == JsonValueKind.String && IsNonFinite(value.GetString()));
            case SchemaType.Boolean:
                return value.ValueKind is JsonValueKind.True or JsonValueKind.False;
            case SchemaType.Null:
                return value.ValueKind == JsonValueKind.Null;
            case SchemaType.Array:
                if (value.ValueKind != JsonValueKind.Array)
                {
                    return false;
                }

                foreach (var item in value.EnumerateArray())
                {
                    if (!IsValid(((ArraySchema)schema).Items, item))
                    {
                        return false;
                    }
                }

                return true;
            case SchemaType.Map:
                if (value.ValueKind != JsonValueKind.Object)
                {
                    return false;
                }

                foreach (var entry in value.EnumerateObject())
                {
                    if (!IsValid(((MapSchema)schema).Values, entry.Value))
                    {
                        return false;
                    }
                }

                return true;
            case SchemaType.Union:
                return MatchingBranch((UnionSchema)schema, value) >= 0;
            case SchemaType.Record:
                if (value.ValueKind != JsonValueKind.Object)
                {
                    return false;
                }

                foreach (var field in ((RecordSchema)schema).Fields)
                {
                    JsonElement? fieldValue = value.TryGetProperty(field.Name, out var given) ? given : field.Default;
                    if (fieldValue is not { } v || !IsValidValue(field.Schema, v))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>The first union branch the JSON value fits, or -1.</summary>
    public static int MatchingBranch(UnionSchema union, JsonElement value)
    {
        for (var i = 0; i < union.Branches.Count; i++)
        {
            if (IsValid(union.Branches[i], value))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsValidValue(Schema schema, JsonElement value) =>
        schema is UnionSchema union ? MatchingBranch(union, value) >= 0 : IsValid(schema, value);

    internal static bool IsNonFinite(string? text) => text is "NaN" or "Infinity" or "-Infinity";
}
