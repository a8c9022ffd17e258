using System.Text.Json;
using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Data;

namespace Pipeline.Connectors.File.Csv;

/// <summary>
/// Reads a struct-of-primitives schema from JSON, in either of the two forms users have:
/// Kafka's JsonConverter envelope (<c>{"type":"struct","fields":[{"field":"id","type":"int64","optional":false}]}</c>)
/// or the spooldir connector's (<c>{"type":"STRUCT","fieldSchemas":{"id":{"type":"INT64","isOptional":false}}}</c>).
/// Type names ignore case; logical types are named schemas (<c>"name":"org.apache.kafka.connect.data.Decimal",
/// "parameters":{"scale":"2"}</c>). Arrays and maps cannot come from a CSV cell and are refused.
/// </summary>
internal static class ConnectSchemaJson
{
    public static Schema ParseStruct(string configName, string json)
    {
        Schema schema;
        try
        {
            using var doc = JsonDocument.Parse(json);
            schema = ParseSchema(doc.RootElement, topLevel: true);
        }
        catch (JsonException e)
        {
            throw new ConfigException(configName, json, "Not valid JSON: " + e.Message);
        }
        catch (FormatException e)
        {
            throw new ConfigException(configName, json, e.Message);
        }
        catch (Connect.Api.Errors.DataException e)
        {
            throw new ConfigException(configName, json, e.Message);
        }

        if (schema.Type != SchemaType.Struct)
        {
            throw new ConfigException(configName, json, "The schema must be a struct");
        }

        return schema;
    }

    private static Schema ParseSchema(JsonElement e, bool topLevel)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("A schema must be a JSON object");
        }

        var typeName = e.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String
            ? t.GetString()!.ToLowerInvariant()
            : throw new FormatException("A schema needs a \"type\"");
        SchemaBuilder builder = typeName switch
        {
            "int8" => SchemaBuilder.Int8(),
            "int16" => SchemaBuilder.Int16(),
            "int32" => SchemaBuilder.Int32(),
            "int64" => SchemaBuilder.Int64(),
            "float32" => SchemaBuilder.Float32(),
            "float64" => SchemaBuilder.Float64(),
            "boolean" => SchemaBuilder.Bool(),
            "string" => SchemaBuilder.String(),
            "bytes" => SchemaBuilder.Bytes(),
            "struct" => SchemaBuilder.Struct(),
            _ => throw new FormatException($"Unsupported schema type \"{typeName}\" (a CSV schema is a struct of int8..int64, float32, float64, boolean, string, bytes and the Decimal, Date, Time and Timestamp logical types)"),
        };
        if (!topLevel && typeName == "struct")
        {
            throw new FormatException("Nested structs cannot be read from CSV columns");
        }

        if (e.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
        {
            builder.Name(name.GetString()!);
        }

        if (e.TryGetProperty("version", out var version) && version.ValueKind == JsonValueKind.Number)
        {
            builder.Version(version.GetInt32());
        }

        if (e.TryGetProperty("doc", out var doc) && doc.ValueKind == JsonValueKind.String)
        {
            builder.Doc(doc.GetString()!);
        }

        if (e.TryGetProperty("parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in parameters.EnumerateObject())
            {
                builder.Parameter(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText());
            }
        }

        if (IsOptional(e))
        {
            builder.Optional();
        }

        if (typeName == "struct")
        {
            if (e.TryGetProperty("fields", out var fields) && fields.ValueKind == JsonValueKind.Array)
            {
                foreach (var f in fields.EnumerateArray())
                {
                    var fieldName = f.TryGetProperty("field", out var fn) && fn.ValueKind == JsonValueKind.String
                        ? fn.GetString()!
                        : throw new FormatException("Each field needs a \"field\" name");
                    builder.Field(fieldName, ParseSchema(f, topLevel: false));
                }
            }
            else if (e.TryGetProperty("fieldSchemas", out var fieldSchemas) && fieldSchemas.ValueKind == JsonValueKind.Object)
            {
                foreach (var f in fieldSchemas.EnumerateObject())
                {
                    builder.Field(f.Name, ParseSchema(f.Value, topLevel: false));
                }
            }
            else
            {
                throw new FormatException("A struct schema needs \"fields\" (an array) or \"fieldSchemas\" (an object)");
            }
        }

        return builder.Build();
    }

    private static bool IsOptional(JsonElement e) =>
        (e.TryGetProperty("optional", out var o) && o.ValueKind == JsonValueKind.True)
        || (e.TryGetProperty("isOptional", out var io) && io.ValueKind == JsonValueKind.True);
}
