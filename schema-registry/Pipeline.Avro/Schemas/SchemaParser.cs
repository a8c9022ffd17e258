using System.Text.Json;

namespace Pipeline.Avro.Schemas;

/// <summary>
/// Parses schema JSON (Java's <c>Schema.Parser</c>). One parser remembers the named types of every
/// schema it parsed, so later schemas may refer to them by name: that is how the registry resolves
/// schema references. A failed parse forgets the names it had added.
/// Errors are <see cref="AvroSchemaException"/>s that say where: <c>at fields[2].type: unknown type "strng"</c>.
/// </summary>
public sealed class SchemaParser
{
    private static readonly HashSet<string> SchemaReserved = ["doc", "fields", "items", "name", "namespace", "size", "symbols", "values", "type", "aliases"];
    private static readonly HashSet<string> EnumReserved = [.. SchemaReserved, "default"];
    private static readonly HashSet<string> FieldReserved = ["default", "doc", "name", "order", "type", "aliases"];

    private static readonly JsonDocumentOptions JsonOptions = new() { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 512 };

    private readonly Dictionary<string, NamedSchema> _known = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NamedSchema> _pending = new(StringComparer.Ordinal);

    public SchemaParser()
    {
    }

    /// <summary>A parser that already knows these named types (and the named types inside them).</summary>
    public SchemaParser(IEnumerable<Schema> knownSchemas)
    {
        foreach (var schema in knownSchemas)
        {
            foreach (var named in SchemaWalker.NamedTypes(schema))
            {
                _known.TryAdd(named.FullName, named);
            }
        }
    }

    /// <summary>Every named type this parser knows, by full name.</summary>
    public IReadOnlyDictionary<string, NamedSchema> NamedTypes => _known;

    public Schema Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new AvroSchemaException($"invalid JSON: {e.Message}");
        }

        using (document)
        {
            _pending.Clear();
            try
            {
                var schema = Parse(document.RootElement, "", null);
                foreach (var (name, named) in _pending)
                {
                    _known[name] = named;
                }

                return schema;
            }
            finally
            {
                _pending.Clear();
            }
        }
    }

    private Schema Parse(JsonElement node, string path, string? space)
    {
        switch (node.ValueKind)
        {
            case JsonValueKind.String:
                return Reference(node.GetString()!, path, space);
            case JsonValueKind.Array:
                return ParseUnion(node, path, space);
            case JsonValueKind.Object:
                return ParseObject(node, path, space);
            default:
                throw new AvroSchemaException($"a schema must be a type name, an object or an array (union), not {Describe(node)}", path);
        }
    }

    private Schema Reference(string name, string path, string? space)
    {
        if (SchemaTypeNames.TryGetPrimitive(name, out var primitive))
        {
            // A new instance per occurrence, as Java: the compatibility checker memoizes by instance and reports locations.
            return new PrimitiveSchema(primitive);
        }

        // Java's ParseContext.find: the name qualified with the enclosing namespace, then as given.
        var qualified = space is not null && !name.Contains('.', StringComparison.Ordinal) ? space + "." + name : name;
        if ((Lookup(qualified) ?? Lookup(name)) is { } found)
        {
            return found;
        }

        throw new AvroSchemaException(name is "record" or "enum" or "array" or "map" or "fixed" or "error"
            ? $"\"{name}\" must be written as an object with its attributes, e.g. {{\"type\":\"{name}\", ...}}"
            : $"unknown type \"{name}\"", path);
    }

    private NamedSchema? Lookup(string fullName) => _pending.GetValueOrDefault(fullName) ?? _known.GetValueOrDefault(fullName);

    private Schema ParseObject(JsonElement node, string path, string? space)
    {
        if (!node.TryGetProperty("type", out var typeNode))
        {
            throw new AvroSchemaException("missing \"type\"", path);
        }

        if (typeNode.ValueKind != JsonValueKind.String)
        {
            // {"type": {...}} or {"type": [...]}: Java requires a type name here.
            throw new AvroSchemaException($"\"type\" must be a type name, not {Describe(typeNode)}", Join(path, "type"));
        }

        var type = typeNode.GetString()!;
        if (SchemaTypeNames.TryGetPrimitive(type, out var primitive))
        {
            return Wrap(path, () => new PrimitiveSchema(primitive, Properties(node, SchemaReserved)));
        }

        switch (type)
        {
            case "record":
            case "error":
                return ParseRecord(node, path, space, isError: type == "error");
            case "enum":
                return ParseEnum(node, path, space);
            case "fixed":
                return ParseFixed(node, path, space);
            case "array":
                if (!node.TryGetProperty("items", out var items))
                {
                    throw new AvroSchemaException("array has no \"items\"", path);
                }

                var itemSchema = Parse(items, Join(path, "items"), space);
                return Wrap(path, () => new ArraySchema(itemSchema, Properties(node, SchemaReserved)));
            case "map":
                if (!node.TryGetProperty("values", out var values))
                {
                    throw new AvroSchemaException("map has no \"values\"", path);
                }

                var valueSchema = Parse(values, Join(path, "values"), space);
                return Wrap(path, () => new MapSchema(valueSchema, Properties(node, SchemaReserved)));
            default:
                // Avro 1.11 accepted {"type":"a.b.Named"} as a reference to a defined type; keep accepting it.
                return Reference(type, Join(path, "type"), space);
        }
    }

    private RecordSchema ParseRecord(JsonElement node, string path, string? space, bool isError)
    {
        var name = ParseName(node, path, space);
        if (!node.TryGetProperty("fields", out var fieldsNode) || fieldsNode.ValueKind != JsonValueKind.Array)
        {
            throw new AvroSchemaException(fieldsNode.ValueKind == JsonValueKind.Undefined ? "record has no \"fields\"" : $"record \"fields\" must be an array, not {Describe(fieldsNode)}", path);
        }

        var record = Wrap(path, () => new RecordSchema(name, OptionalText(node, "doc"), Aliases(node, path), Properties(node, SchemaReserved), isError));
        Define(record, path);

        var fields = new List<Field>();
        var index = 0;
        foreach (var fieldNode in fieldsNode.EnumerateArray())
        {
            fields.Add(ParseField(fieldNode, $"{Join(path, "fields")}[{index}]", name.Namespace));
            index++;
        }

        Wrap(path, () =>
        {
            record.SetFields(fields);
            return record;
        });
        if (_known.TryGetValue(record.FullName, out var known) && known.ToJson() != record.ToJson())
        {
            throw new AvroSchemaException($"can't redefine \"{record.FullName}\" (already known to this parser)", path);
        }

        return record;
    }

    private Field ParseField(JsonElement node, string path, string? space)
    {
        if (node.ValueKind != JsonValueKind.Object)
        {
            throw new AvroSchemaException($"a field must be an object, not {Describe(node)}", path);
        }

        if (!node.TryGetProperty("name", out var nameNode) || nameNode.ValueKind != JsonValueKind.String)
        {
            throw new AvroSchemaException("field has no \"name\"", path);
        }

        var fieldName = nameNode.GetString()!;
        if (NameRules.Check(fieldName) is { } badName)
        {
            throw new AvroSchemaException(badName, Join(path, "name"));
        }

        if (!node.TryGetProperty("type", out var typeNode))
        {
            throw new AvroSchemaException($"field \"{fieldName}\" has no \"type\"", path);
        }

        var schema = Parse(typeNode, Join(path, "type"), space);

        var order = FieldOrder.Ascending;
        if (node.TryGetProperty("order", out var orderNode))
        {
            order = (orderNode.ValueKind == JsonValueKind.String ? orderNode.GetString() : null) switch
            {
                "ascending" => FieldOrder.Ascending,
                "descending" => FieldOrder.Descending,
                "ignore" => FieldOrder.Ignore,
                _ => throw new AvroSchemaException($"order must be \"ascending\", \"descending\" or \"ignore\", not {orderNode.GetRawText()}", Join(path, "order")),
            };
        }

        JsonElement? defaultValue = null;
        if (node.TryGetProperty("default", out var defaultNode))
        {
            defaultValue = defaultNode;
            if (schema.Type is SchemaType.Float or SchemaType.Double && defaultNode.ValueKind == JsonValueKind.String
                && double.TryParse(defaultNode.GetString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number)
                && double.IsFinite(number))
            {
                // Java turns a textual float/double default into a number.
                defaultValue = JsonSerializer.SerializeToElement(number);
            }
        }

        var aliases = Aliases(node, path);
        var properties = Properties(node, FieldReserved);
        try
        {
            return new Field(fieldName, schema, OptionalText(node, "doc"), defaultValue, order, aliases, properties);
        }
        catch (AvroSchemaException e) when (e.Path.Length == 0)
        {
            throw new AvroSchemaException(e.Reason, Join(path, "default"));
        }
    }

    private EnumSchema ParseEnum(JsonElement node, string path, string? space)
    {
        var name = ParseName(node, path, space);
        if (!node.TryGetProperty("symbols", out var symbolsNode) || symbolsNode.ValueKind != JsonValueKind.Array)
        {
            throw new AvroSchemaException(symbolsNode.ValueKind == JsonValueKind.Undefined ? "enum has no \"symbols\"" : $"enum \"symbols\" must be an array, not {Describe(symbolsNode)}", path);
        }

        var symbols = new List<string>();
        var i = 0;
        foreach (var symbol in symbolsNode.EnumerateArray())
        {
            if (symbol.ValueKind != JsonValueKind.String)
            {
                throw new AvroSchemaException($"an enum symbol must be a string, not {Describe(symbol)}", $"{Join(path, "symbols")}[{i}]");
            }

            symbols.Add(symbol.GetString()!);
            i++;
        }

        var defaultSymbol = OptionalText(node, "default");
        var result = Wrap(path, () => new EnumSchema(name, symbols, defaultSymbol, OptionalText(node, "doc"), Aliases(node, path), Properties(node, EnumReserved)));
        Define(result, path);
        return result;
    }

    private FixedSchema ParseFixed(JsonElement node, string path, string? space)
    {
        var name = ParseName(node, path, space);
        if (!node.TryGetProperty("size", out var sizeNode) || sizeNode.ValueKind != JsonValueKind.Number || !JsonNumbers.IsIntegral(sizeNode) || !sizeNode.TryGetInt32(out var size))
        {
            throw new AvroSchemaException(sizeNode.ValueKind == JsonValueKind.Undefined ? "fixed has no \"size\"" : $"fixed \"size\" must be an int, not {sizeNode.GetRawText()}", path);
        }

        var result = Wrap(path, () => new FixedSchema(name, size, OptionalText(node, "doc"), Aliases(node, path), Properties(node, SchemaReserved)));
        Define(result, path);
        return result;
    }

    private UnionSchema ParseUnion(JsonElement node, string path, string? space)
    {
        var branches = new List<Schema>();
        var i = 0;
        foreach (var branch in node.EnumerateArray())
        {
            branches.Add(Parse(branch, $"{path}[{i}]", space));
            i++;
        }

        return Wrap(path, () => new UnionSchema(branches));
    }

    private static SchemaName ParseName(JsonElement node, string path, string? space)
    {
        if (!node.TryGetProperty("name", out var nameNode) || nameNode.ValueKind != JsonValueKind.String)
        {
            throw new AvroSchemaException("named type has no \"name\"", path);
        }

        var explicitSpace = OptionalText(node, "namespace");
        var name = new SchemaName(nameNode.GetString()!, explicitSpace ?? space);
        try
        {
            NameRules.ValidateFullName(name);
        }
        catch (AvroSchemaException e)
        {
            throw new AvroSchemaException(e.Reason, Join(path, "name"));
        }

        return name;
    }

    private void Define(NamedSchema schema, string path)
    {
        if (_pending.ContainsKey(schema.FullName))
        {
            throw new AvroSchemaException($"can't redefine \"{schema.FullName}\"", path);
        }

        // A type this parser already knows may be defined again only identically (Java's ParseContext.put);
        // records are compared once their fields are set, by the caller of Define.
        if (_known.TryGetValue(schema.FullName, out var known) && schema is not RecordSchema && known.ToJson() != schema.ToJson())
        {
            throw new AvroSchemaException($"can't redefine \"{schema.FullName}\" (already known to this parser)", path);
        }

        _pending[schema.FullName] = schema;
    }

    private static List<string>? Aliases(JsonElement node, string path)
    {
        if (!node.TryGetProperty("aliases", out var aliasesNode))
        {
            return null;
        }

        if (aliasesNode.ValueKind != JsonValueKind.Array)
        {
            throw new AvroSchemaException($"\"aliases\" must be an array, not {Describe(aliasesNode)}", Join(path, "aliases"));
        }

        var result = new List<string>();
        var i = 0;
        foreach (var alias in aliasesNode.EnumerateArray())
        {
            if (alias.ValueKind != JsonValueKind.String)
            {
                throw new AvroSchemaException($"an alias must be a string, not {Describe(alias)}", $"{Join(path, "aliases")}[{i}]");
            }

            result.Add(alias.GetString()!);
            i++;
        }

        return result;
    }

    private static SchemaProperties Properties(JsonElement node, HashSet<string> reserved)
    {
        List<KeyValuePair<string, JsonElement>>? list = null;
        foreach (var property in node.EnumerateObject())
        {
            if (!reserved.Contains(property.Name))
            {
                (list ??= []).Add(new(property.Name, property.Value));
            }
        }

        return SchemaProperties.From(list);
    }

    private static string? OptionalText(JsonElement node, string name) =>
        node.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static T Wrap<T>(string path, Func<T> build)
    {
        try
        {
            return build();
        }
        catch (AvroSchemaException e)
        {
            throw new AvroSchemaException(e.Reason, Join(path, e.Path));
        }
    }

    internal static string Join(string path, string segment)
    {
        if (segment.Length == 0)
        {
            return path;
        }

        if (path.Length == 0 || segment[0] == '[')
        {
            return path + segment;
        }

        return path + "." + segment;
    }

    private static string Describe(JsonElement node) => node.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string {node.GetRawText()}",
        JsonValueKind.Number => $"the number {node.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => node.GetRawText(),
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
