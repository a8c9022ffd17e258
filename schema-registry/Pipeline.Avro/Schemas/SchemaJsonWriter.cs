using System.Text;

namespace Pipeline.Avro.Schemas;

/// <summary>
/// Writes a schema as Java's <c>Schema.toString()</c> does (Schema.toJson in Java):
/// attribute order per kind, namespaces only where they differ from the enclosing one, named
/// types in full once and by (relative) name afterwards.
/// <code>
/// record: type name namespace? doc? fields props... aliases?
/// field:  name type doc? default? order? aliases? props...
/// enum:   type name namespace? doc? symbols default? props... aliases?
/// fixed:  type name namespace? doc? size props... aliases?
/// array/map: type items|values props...;  primitive: "int" or {type, props...}
/// </code>
/// </summary>
internal sealed class SchemaJsonWriter
{
    private readonly StringBuilder _output = new();
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);
    private readonly bool _pretty;

    private SchemaJsonWriter(bool pretty) => _pretty = pretty;

    public static string Write(Schema schema, bool pretty)
    {
        var writer = new SchemaJsonWriter(pretty);
        writer.Write(schema, null, 0);
        return writer._output.ToString();
    }

    private JsonIndent? Indent(int level) => _pretty ? new JsonIndent(level) : null;

    private void Write(Schema schema, string? space, int level)
    {
        switch (schema)
        {
            case PrimitiveSchema primitive:
                if (primitive.Properties.Count == 0)
                {
                    JacksonText.WriteString(_output, primitive.TypeName);
                    return;
                }

                var p = new JsonObjectWriter(_output, Indent(level));
                p.Name("type");
                JacksonText.WriteString(_output, primitive.TypeName);
                WriteProperties(ref p, primitive.Properties, level);
                p.End();
                return;
            case ArraySchema array:
                var a = new JsonObjectWriter(_output, Indent(level));
                a.Name("type");
                JacksonText.WriteString(_output, "array");
                a.Name("items");
                Write(array.Items, space, level + 1);
                WriteProperties(ref a, array.Properties, level);
                a.End();
                return;
            case MapSchema map:
                var m = new JsonObjectWriter(_output, Indent(level));
                m.Name("type");
                JacksonText.WriteString(_output, "map");
                m.Name("values");
                Write(map.Values, space, level + 1);
                WriteProperties(ref m, map.Properties, level);
                m.End();
                return;
            case UnionSchema union:
                _output.Append('[');
                for (var i = 0; i < union.Branches.Count; i++)
                {
                    _output.Append(i == 0 ? (_pretty ? " " : "") : (_pretty ? ", " : ","));
                    Write(union.Branches[i], space, level + 1);
                }

                _output.Append(_pretty ? " ]" : "]");
                return;
            case NamedSchema named:
                WriteNamed(named, space, level);
                return;
        }
    }

    private void WriteNamed(NamedSchema named, string? space, int level)
    {
        if (!_known.Add(named.FullName))
        {
            JacksonText.WriteString(_output, named.Name.QualifiedRelativeTo(space));
            return;
        }

        var o = new JsonObjectWriter(_output, Indent(level));
        o.Name("type");
        JacksonText.WriteString(_output, named switch
        {
            RecordSchema { IsError: true } => "error",
            _ => named.TypeName,
        });
        o.Name("name");
        JacksonText.WriteString(_output, named.Name.Name);
        if (named.Namespace is not null)
        {
            if (named.Namespace != space)
            {
                o.Name("namespace");
                JacksonText.WriteString(_output, named.Namespace);
            }
        }
        else if (space is not null)
        {
            o.Name("namespace");
            JacksonText.WriteString(_output, "");
        }

        if (named.Doc is not null)
        {
            o.Name("doc");
            JacksonText.WriteString(_output, named.Doc);
        }

        switch (named)
        {
            case RecordSchema record:
                if (record.HasFields)
                {
                    o.Name("fields");
                    WriteFields(record, level + 1);
                }

                break;
            case EnumSchema enumSchema:
                o.Name("symbols");
                WriteStrings(enumSchema.Symbols);
                if (enumSchema.Default is not null)
                {
                    o.Name("default");
                    JacksonText.WriteString(_output, enumSchema.Default);
                }

                break;
            case FixedSchema fixedSchema:
                o.Name("size");
                _output.Append(fixedSchema.Size);
                break;
        }

        WriteProperties(ref o, named.Properties, level);
        if (named.Aliases.Count > 0)
        {
            o.Name("aliases");
            WriteStrings(named.Aliases.Select(alias => alias.QualifiedRelativeTo(named.Namespace)).ToList());
        }

        o.End();
    }

    private void WriteFields(RecordSchema record, int level)
    {
        _output.Append('[');
        for (var i = 0; i < record.Fields.Count; i++)
        {
            var field = record.Fields[i];
            _output.Append(i == 0 ? (_pretty ? " " : "") : (_pretty ? ", " : ","));
            var f = new JsonObjectWriter(_output, Indent(level));
            f.Name("name");
            JacksonText.WriteString(_output, field.Name);
            f.Name("type");
            Write(field.Schema, record.Namespace, level + 1);
            if (field.Doc is not null)
            {
                f.Name("doc");
                JacksonText.WriteString(_output, field.Doc);
            }

            if (field.Default is { } defaultValue)
            {
                f.Name("default");
                JacksonText.WriteValue(_output, defaultValue, Indent(level + 1));
            }

            if (field.Order != FieldOrder.Ascending)
            {
                f.Name("order");
                JacksonText.WriteString(_output, field.Order == FieldOrder.Descending ? "descending" : "ignore");
            }

            if (field.Aliases.Count > 0)
            {
                f.Name("aliases");
                WriteStrings(field.Aliases);
            }

            WriteProperties(ref f, field.Properties, level);
            f.End();
        }

        _output.Append(_pretty ? " ]" : "]");
    }

    private void WriteProperties(ref JsonObjectWriter o, SchemaProperties properties, int level)
    {
        foreach (var (key, value) in properties)
        {
            o.Name(key);
            JacksonText.WriteValue(_output, value, Indent(level + 1));
        }
    }

    private void WriteStrings(IReadOnlyList<string> values)
    {
        _output.Append('[');
        for (var i = 0; i < values.Count; i++)
        {
            _output.Append(i == 0 ? (_pretty ? " " : "") : (_pretty ? ", " : ","));
            JacksonText.WriteString(_output, values[i]);
        }

        _output.Append(_pretty ? " ]" : "]");
    }
}
