using System.Text;
using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Canonical;

/// <summary>
/// Parsing Canonical Form (spec; Java's <c>SchemaNormalization.toParsingForm</c>): primitives as
/// bare names, full names everywhere, only name/type/fields/symbols/items/values/size kept in
/// that order, no whitespace; a named type in full at its first occurrence and by full name
/// afterwards. Names and symbols are written unescaped, as Java does (they cannot hold quotes).
/// </summary>
public static class ParsingCanonicalForm
{
    public static string Of(Schema schema)
    {
        var output = new StringBuilder();
        Build(schema, output, new HashSet<string>(StringComparer.Ordinal));
        return output.ToString();
    }

    private static void Build(Schema schema, StringBuilder o, HashSet<string> seen)
    {
        switch (schema)
        {
            case PrimitiveSchema:
                o.Append('"').Append(schema.TypeName).Append('"');
                return;
            case UnionSchema union:
                o.Append('[');
                for (var i = 0; i < union.Branches.Count; i++)
                {
                    if (i > 0)
                    {
                        o.Append(',');
                    }

                    Build(union.Branches[i], o, seen);
                }

                o.Append(']');
                return;
            case ArraySchema array:
                o.Append("{\"type\":\"array\",\"items\":");
                Build(array.Items, o, seen);
                o.Append('}');
                return;
            case MapSchema map:
                o.Append("{\"type\":\"map\",\"values\":");
                Build(map.Values, o, seen);
                o.Append('}');
                return;
            case NamedSchema named:
                if (!seen.Add(named.FullName))
                {
                    o.Append('"').Append(named.FullName).Append('"');
                    return;
                }

                o.Append("{\"name\":\"").Append(named.FullName).Append("\",\"type\":\"").Append(named.TypeName).Append('"');
                switch (named)
                {
                    case EnumSchema enumSchema:
                        o.Append(",\"symbols\":[");
                        for (var i = 0; i < enumSchema.Symbols.Count; i++)
                        {
                            o.Append(i > 0 ? ",\"" : "\"").Append(enumSchema.Symbols[i]).Append('"');
                        }

                        o.Append(']');
                        break;
                    case FixedSchema fixedSchema:
                        o.Append(",\"size\":").Append(fixedSchema.Size);
                        break;
                    case RecordSchema record:
                        o.Append(",\"fields\":[");
                        for (var i = 0; i < record.Fields.Count; i++)
                        {
                            o.Append(i > 0 ? ",{\"name\":\"" : "{\"name\":\"").Append(record.Fields[i].Name).Append("\",\"type\":");
                            Build(record.Fields[i].Schema, o, seen);
                            o.Append('}');
                        }

                        o.Append(']');
                        break;
                }

                o.Append('}');
                return;
        }
    }
}
