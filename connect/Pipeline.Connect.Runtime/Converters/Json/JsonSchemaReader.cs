using System.Text.Json;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Errors;

namespace Pipeline.Connect.Runtime.Converters.Json;

/// <summary>Kafka's JSON schema form (see <see cref="JsonSchemaWriter"/>) back into a Connect schema; null for a JSON null.</summary>
internal static class JsonSchemaReader
{
    public static Schema? Read(JsonElement json, JsonConverterSettings settings)
    {
        if (json.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new DataException($"Schema must be a JSON object, not {json.ValueKind}");
        }

        if (!json.TryGetProperty("type", out var typeNode) || typeNode.ValueKind != JsonValueKind.String)
        {
            throw new DataException("Schema must contain 'type' field");
        }

        var builder = typeNode.GetString() switch
        {
            "boolean" => SchemaBuilder.Bool(),
            "int8" => SchemaBuilder.Int8(),
            "int16" => SchemaBuilder.Int16(),
            "int32" => SchemaBuilder.Int32(),
            "int64" => SchemaBuilder.Int64(),
            "float" or "float32" => SchemaBuilder.Float32(),
            "double" or "float64" => SchemaBuilder.Float64(),
            "bytes" => SchemaBuilder.Bytes(),
            "string" => SchemaBuilder.String(),
            "array" => SchemaBuilder.Array(Required(json, "items", "Array schema did not specify the element type", settings)),
            "map" => SchemaBuilder.Map(
                Required(json, "keys", "Map schema did not specify the key type", settings),
                Required(json, "values", "Map schema did not specify the value type", settings)),
            "struct" => Struct(json, settings),
            var other => throw new DataException($"Unknown schema type: {other}"),
        };

        if (json.TryGetProperty("optional", out var optional) && optional.ValueKind == JsonValueKind.True)
        {
            builder.Optional();
        }
        else
        {
            builder.Required();
        }

        if (json.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
        {
            builder.Name(name.GetString()!);
        }

        if (json.TryGetProperty("version", out var version) && version.ValueKind == JsonValueKind.Number && version.TryGetInt32(out var v))
        {
            builder.Version(v);
        }

        if (json.TryGetProperty("doc", out var doc) && doc.ValueKind == JsonValueKind.String)
        {
            builder.Doc(doc.GetString()!);
        }

        if (json.TryGetProperty("parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object)
        {
            foreach (var parameter in parameters.EnumerateObject())
            {
                if (parameter.Value.ValueKind != JsonValueKind.String)
                {
                    throw new DataException("Schema parameters must have string values.");
                }

                builder.Parameter(parameter.Name, parameter.Value.GetString()!);
            }
        }

        if (json.TryGetProperty("default", out var defaultNode) && defaultNode.ValueKind != JsonValueKind.Null)
        {
            // The default is read against the schema built so far, so logical types apply to it.
            builder.DefaultValue(JsonValueReader.Read(builder.Build(), defaultNode, settings));
        }

        return builder.Build();
    }

    private static Schema Required(JsonElement json, string member, string missing, JsonConverterSettings settings)
    {
        if (!json.TryGetProperty(member, out var node) || node.ValueKind == JsonValueKind.Null)
        {
            throw new DataException(missing);
        }

        return Read(node, settings)!;
    }

    private static SchemaBuilder Struct(JsonElement json, JsonConverterSettings settings)
    {
        if (!json.TryGetProperty("fields", out var fields) || fields.ValueKind != JsonValueKind.Array)
        {
            throw new DataException("Struct schema's \"fields\" argument is not an array.");
        }

        var builder = SchemaBuilder.Struct();
        foreach (var field in fields.EnumerateArray())
        {
            if (field.ValueKind != JsonValueKind.Object || !field.TryGetProperty("field", out var fieldName) || fieldName.ValueKind != JsonValueKind.String)
            {
                throw new DataException("Struct schema's field name not specified properly");
            }

            builder.Field(fieldName.GetString()!, Read(field, settings)!);
        }

        return builder;
    }
}
