namespace Pipeline.Avro.Schemas;

/// <summary>
/// A record (or a protocol <c>error</c>). Build the schema first and call <see cref="SetFields"/>
/// once: a field may refer to the record itself, which is how recursive types are made.
/// </summary>
public sealed class RecordSchema : NamedSchema
{
    private Field[]? _fields;
    private Dictionary<string, Field>? _byName;

    public RecordSchema(SchemaName name, string? doc = null, IEnumerable<string>? aliases = null, SchemaProperties? properties = null, bool isError = false)
        : base(SchemaType.Record, name, doc, aliases, properties)
    {
        IsError = isError;
        InitializeLogicalType();
    }

    /// <summary>Builds a record and sets its fields at once (not for recursive records).</summary>
    public RecordSchema(SchemaName name, IEnumerable<Field> fields, string? doc = null, IEnumerable<string>? aliases = null, SchemaProperties? properties = null)
        : this(name, doc, aliases, properties)
    {
        SetFields(fields);
    }

    public bool IsError { get; }

    public bool HasFields => _fields is not null;

    public IReadOnlyList<Field> Fields => _fields ?? throw new InvalidOperationException($"the fields of {FullName} are not set yet");

    /// <summary>The field with this name, or null.</summary>
    public Field? GetField(string name) => (_byName ?? throw new InvalidOperationException($"the fields of {FullName} are not set yet")).GetValueOrDefault(name);

    public void SetFields(IEnumerable<Field> fields)
    {
        if (_fields is not null)
        {
            throw new InvalidOperationException($"the fields of {FullName} are already set");
        }

        var array = fields.ToArray();
        var byName = new Dictionary<string, Field>(array.Length, StringComparer.Ordinal);
        for (var i = 0; i < array.Length; i++)
        {
            if (array[i].Position != -1)
            {
                throw new AvroSchemaException($"field \"{array[i].Name}\" already belongs to a record");
            }

            if (!byName.TryAdd(array[i].Name, array[i]))
            {
                throw new AvroSchemaException($"duplicate field \"{array[i].Name}\" in record {FullName}", $"fields[{i}]");
            }
        }

        for (var i = 0; i < array.Length; i++)
        {
            array[i].Position = i;
        }

        _byName = byName;
        _fields = array;
    }
}
