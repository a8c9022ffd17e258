using Pipeline.Avro.Canonical;

namespace Pipeline.Avro.Schemas;

/// <summary>
/// An Avro schema. Subclasses are sealed, one per kind: <see cref="PrimitiveSchema"/>,
/// <see cref="RecordSchema"/>, <see cref="EnumSchema"/>, <see cref="FixedSchema"/>,
/// <see cref="ArraySchema"/>, <see cref="MapSchema"/>, <see cref="UnionSchema"/>. Schemas are
/// immutable once built (a record's fields are set exactly once, which is how recursive records
/// are made) and safe to share between threads.
/// </summary>
public abstract class Schema
{
    private string? _json;

    private protected Schema(SchemaType type, SchemaProperties? properties)
    {
        Type = type;
        Properties = properties ?? SchemaProperties.Empty;
    }

    public SchemaType Type { get; }

    /// <summary>Attributes other than the reserved ones, in declaration order (includes <c>logicalType</c>).</summary>
    public SchemaProperties Properties { get; }

    /// <summary>The valid logical type, or null (none declared, unknown or invalid: see <see cref="Schemas.LogicalType"/>).</summary>
    public LogicalType? LogicalType { get; private set; }

    /// <summary>The JSON type name: <c>int</c>, <c>record</c>, <c>union</c>, ...</summary>
    public string TypeName => SchemaTypeNames.JsonName(Type);

    /// <summary>
    /// Java's <c>getFullName()</c>: the full name of a named type, else the type name
    /// (<c>int</c>, <c>array</c>, <c>map</c>, <c>union</c>). Unions use it to find duplicates
    /// and the JSON encoding to name branches.
    /// </summary>
    public virtual string FullName => TypeName;

    /// <summary>Parses a schema (Java <c>new Schema.Parser().parse(json)</c>).</summary>
    public static Schema Parse(string json) => new SchemaParser().Parse(json);

    /// <summary>
    /// The schema as JSON text exactly as Java's <c>Schema.toString()</c> prints it: compact,
    /// names written relative to the enclosing namespace, a named type in full at its first
    /// occurrence and by name afterwards. This is the text Confluent's registry stores and returns.
    /// </summary>
    public string ToJson() => _json ??= SchemaJsonWriter.Write(this, pretty: false);

    /// <summary>Java's <c>toString(true)</c>: the same, indented.</summary>
    public string ToJson(bool pretty) => pretty ? SchemaJsonWriter.Write(this, pretty: true) : ToJson();

    /// <summary>The Parsing Canonical Form (spec §Parsing Canonical Form).</summary>
    public string ToCanonicalForm() => ParsingCanonicalForm.Of(this);

    public override string ToString() => ToJson();

    /// <summary>True for null and for unions with a null branch.</summary>
    public bool IsNullable => Type == SchemaType.Null || (this is UnionSchema union && union.Branches.Any(b => b.Type == SchemaType.Null));

    /// <summary>Derives the logical type from the properties; subclasses call it once their own state is set.</summary>
    private protected void InitializeLogicalType() => LogicalType = LogicalType.FromSchema(this, out _);
}
