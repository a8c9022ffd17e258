using Pipeline.Connect.Api.Data;

namespace Pipeline.Connect.Runtime.Converters.Json;

/// <summary>
/// A Connect schema in Kafka's JSON form, members in Kafka's order:
/// <code>
/// {"type":"struct","fields":[{...field schema...,"field":"id"}],"optional":false,"name":"n","version":1,"doc":"d","parameters":{"k":"v"},"default":...}
/// {"type":"array","items":{...},"optional":false}
/// {"type":"map","keys":{...},"values":{...},"optional":false}
/// </code>
/// Type names are int8, int16, int32, int64, float (Float32), double (Float64), boolean, string, bytes, array,
/// map, struct; logical types are their underlying type plus name, version and parameters.
/// </summary>
internal static class JsonSchemaWriter
{
    public static byte[] ToJson(Schema schema, JsonConverterSettings settings)
    {
        var writer = JacksonJsonWriter.Rent();
        try
        {
            Write(writer, schema, settings, fieldName: null);
            return writer.ToArray();
        }
        finally
        {
            JacksonJsonWriter.Return(writer);
        }
    }

    public static string TypeName(SchemaType type) => type switch
    {
        SchemaType.Int8 => "int8",
        SchemaType.Int16 => "int16",
        SchemaType.Int32 => "int32",
        SchemaType.Int64 => "int64",
        SchemaType.Float32 => "float",
        SchemaType.Float64 => "double",
        SchemaType.Boolean => "boolean",
        SchemaType.String => "string",
        SchemaType.Bytes => "bytes",
        SchemaType.Array => "array",
        SchemaType.Map => "map",
        _ => "struct",
    };

    /// <summary>Kafka's upper-case type name (INT8 ... FLOAT64, STRUCT) for messages.</summary>
    public static string UpperName(SchemaType type) => SchemaTypeNames.Of(type);

    private static void Write(JacksonJsonWriter w, Schema schema, JsonConverterSettings settings, string? fieldName)
    {
        w.StartObject();
        w.Name("type");
        w.String(TypeName(schema.Type));
        switch (schema.Type)
        {
            case SchemaType.Array:
                w.Name("items");
                Write(w, schema.ValueSchema!, settings, null);
                break;
            case SchemaType.Map:
                w.Name("keys");
                Write(w, schema.KeySchema!, settings, null);
                w.Name("values");
                Write(w, schema.ValueSchema!, settings, null);
                break;
            case SchemaType.Struct:
                w.Name("fields");
                w.StartArray();
                foreach (var field in schema.Fields)
                {
                    Write(w, field.Schema, settings, field.Name);
                }

                w.EndArray();
                break;
        }

        w.Name("optional");
        w.Bool(schema.IsOptional);
        if (schema.Name is not null)
        {
            w.Name("name");
            w.String(schema.Name);
        }

        if (schema.Version is { } version)
        {
            w.Name("version");
            w.Number(version);
        }

        if (schema.Doc is not null)
        {
            w.Name("doc");
            w.String(schema.Doc);
        }

        if (schema.Parameters is not null)
        {
            w.Name("parameters");
            w.StartObject();
            foreach (var (key, value) in schema.Parameters)
            {
                w.Name(key);
                w.String(value);
            }

            w.EndObject();
        }

        if (schema.DefaultValue is not null)
        {
            w.Name("default");
            JsonValueWriter.Write(w, schema, schema.DefaultValue, settings);
        }

        if (fieldName is not null)
        {
            w.Name("field");
            w.String(fieldName);
        }

        w.EndObject();
    }
}
