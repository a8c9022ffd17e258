using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Pipeline.Avro.Schemas;

namespace Pipeline.SchemaRegistry.Schemas.Avro;

/// <summary>
/// The normalized text of an Avro schema (<c>normalize=true</c>), in the layout of Confluent's
/// AvroSchemaUtils.toNormalizedString: full names, attributes in a fixed order, field orders
/// spelled out, aliases and custom properties sorted, referenced types by name. Two schemas that
/// differ only in attribute order, whitespace or namespace spelling normalize to the same text.
/// <code>
/// named:  {"name":full,"type":kind, symbols|size|fields, logical..., doc?, aliases?, enum default?, props...}
/// field:  {"name":n,"type":t,"order":o,"doc"?,"aliases"?,"default"?, props...}
/// array/map: {"type":"array","items":t, logical..., props...}   primitive: "int" or {"type":"int", logical..., props...}
/// </code>
/// </summary>
internal static class AvroNormalizer
{
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Normalize(Schema schema, IReadOnlyList<Schema> referenced)
    {
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in referenced)
        {
            written.Add(r.FullName);
        }

        var o = new StringBuilder();
        Build(schema, written, o);
        return o.ToString();
    }

    private static void Build(Schema s, HashSet<string> written, StringBuilder o)
    {
        switch (s)
        {
            case UnionSchema union:
                o.Append('[');
                for (var i = 0; i < union.Branches.Count; i++)
                {
                    if (i > 0)
                    {
                        o.Append(',');
                    }

                    Build(union.Branches[i], written, o);
                }

                o.Append(']');
                return;
            case ArraySchema array:
                o.Append("{\"type\":\"array\",\"items\":");
                Build(array.Items, written, o);
                Props(s, o);
                o.Append('}');
                return;
            case MapSchema map:
                o.Append("{\"type\":\"map\",\"values\":");
                Build(map.Values, written, o);
                Props(s, o);
                o.Append('}');
                return;
            case NamedSchema named:
                BuildNamed(named, written, o);
                return;
            default:
                if (s.LogicalType is null && s.Properties.Count == 0)
                {
                    o.Append('"').Append(s.TypeName).Append('"');
                    return;
                }

                o.Append("{\"type\":\"").Append(s.TypeName).Append('"');
                Props(s, o);
                o.Append('}');
                return;
        }
    }

    private static void BuildNamed(NamedSchema s, HashSet<string> written, StringBuilder o)
    {
        var name = Quote(s.FullName);
        if (!written.Add(s.FullName))
        {
            o.Append(name);
            return;
        }

        o.Append("{\"name\":").Append(name).Append(",\"type\":\"").Append(s.TypeName).Append('"');
        switch (s)
        {
            case EnumSchema e:
                o.Append(",\"symbols\":[").Append(string.Join(',', e.Symbols.Select(Quote))).Append(']');
                break;
            case FixedSchema f:
                o.Append(",\"size\":").Append(f.Size.ToString(CultureInfo.InvariantCulture));
                break;
            case RecordSchema r:
                o.Append(",\"fields\":[");
                for (var i = 0; i < r.Fields.Count; i++)
                {
                    if (i > 0)
                    {
                        o.Append(',');
                    }

                    BuildField(r.Fields[i], written, o);
                }

                o.Append(']');
                break;
        }

        LogicalProps(s, o);
        if (!string.IsNullOrEmpty(s.Doc))
        {
            o.Append(",\"doc\":").Append(Quote(s.Doc));
        }

        if (s.Aliases.Count > 0)
        {
            o.Append(",\"aliases\":[").Append(string.Join(',', s.Aliases.Select(a => a.FullName).Order(StringComparer.Ordinal).Select(Quote))).Append(']');
        }

        if (s is EnumSchema { Default: { } symbol })
        {
            o.Append(",\"default\":").Append(Quote(symbol));
        }

        SimpleProps(s.Properties, s.LogicalType is not null, o);
        o.Append('}');
    }

    private static void BuildField(Field f, HashSet<string> written, StringBuilder o)
    {
        o.Append("{\"name\":").Append(Quote(f.Name)).Append(",\"type\":");
        Build(f.Schema, written, o);
        o.Append(",\"order\":\"").Append(f.Order switch
        {
            FieldOrder.Descending => "descending",
            FieldOrder.Ignore => "ignore",
            _ => "ascending",
        }).Append('"');
        if (f.Doc is not null)
        {
            o.Append(",\"doc\":").Append(Quote(f.Doc));
        }

        if (f.Aliases.Count > 0)
        {
            o.Append(",\"aliases\":[").Append(string.Join(',', f.Aliases.Order(StringComparer.Ordinal).Select(Quote))).Append(']');
        }

        if (f.Default is { } value)
        {
            o.Append(",\"default\":").Append(Compacted(value));
        }

        SimpleProps(f.Properties, hasLogicalType: false, o);
        o.Append('}');
    }

    private static void Props(Schema s, StringBuilder o)
    {
        LogicalProps(s, o);
        SimpleProps(s.Properties, s.LogicalType is not null, o);
    }

    private static void LogicalProps(Schema s, StringBuilder o)
    {
        if (s.LogicalType is not { } logical)
        {
            return;
        }

        o.Append(",\"logicalType\":").Append(Quote(logical.Name));
        if (logical.Kind == LogicalTypeKind.Decimal)
        {
            o.Append(",\"precision\":").Append(logical.Precision.ToString(CultureInfo.InvariantCulture));
            if (logical.Scale != 0)
            {
                o.Append(",\"scale\":").Append(logical.Scale.ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>Custom properties sorted by name; the logical type's own attributes are written once, by <see cref="LogicalProps"/>.</summary>
    private static void SimpleProps(SchemaProperties properties, bool hasLogicalType, StringBuilder o)
    {
        foreach (var (key, value) in properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (hasLogicalType && key is "logicalType" or "precision" or "scale")
            {
                continue;
            }

            o.Append(',').Append(Quote(key)).Append(':').Append(Compacted(value));
        }
    }

    private static string Quote(string text) => JsonSerializer.Serialize(text, JsonDefaults.Relaxed);

    private static string Compacted(JsonElement value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Compact))
        {
            value.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }
}
