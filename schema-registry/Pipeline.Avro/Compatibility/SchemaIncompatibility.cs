using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Compatibility;

/// <summary>
/// One reason a reader cannot read a writer, as Java reports it: the type, a JSON-pointer-like
/// <see cref="Location"/> in the reader schema (record fields by reader position, writer union
/// branches by index; e.g. <c>/fields/1/type/symbols</c>), the message, and the two fragments.
/// </summary>
public sealed class SchemaIncompatibility(SchemaIncompatibilityType type, Schema readerFragment, Schema writerFragment, string message, IReadOnlyList<string> path)
{
    public SchemaIncompatibilityType Type { get; } = type;

    /// <summary>Java's enum name: NAME_MISMATCH, FIXED_SIZE_MISMATCH, MISSING_ENUM_SYMBOLS, READER_FIELD_MISSING_DEFAULT_VALUE, TYPE_MISMATCH, MISSING_UNION_BRANCH.</summary>
    public string TypeName => Type switch
    {
        SchemaIncompatibilityType.NameMismatch => "NAME_MISMATCH",
        SchemaIncompatibilityType.FixedSizeMismatch => "FIXED_SIZE_MISMATCH",
        SchemaIncompatibilityType.MissingEnumSymbols => "MISSING_ENUM_SYMBOLS",
        SchemaIncompatibilityType.ReaderFieldMissingDefaultValue => "READER_FIELD_MISSING_DEFAULT_VALUE",
        SchemaIncompatibilityType.TypeMismatch => "TYPE_MISMATCH",
        _ => "MISSING_UNION_BRANCH",
    };

    public Schema ReaderFragment { get; } = readerFragment;

    public Schema WriterFragment { get; } = writerFragment;

    public string Message { get; } = message;

    /// <summary>The path tokens after the root, e.g. ["fields", "1", "type"].</summary>
    public IReadOnlyList<string> Path { get; } = path;

    /// <summary>Java's <c>getLocation()</c>: "/" + tokens joined by "/", each JSON-pointer escaped.</summary>
    public string Location => "/" + string.Join('/', Path.Select(t => t.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)));

    /// <summary>Java's <c>Incompatibility.toString()</c>.</summary>
    public override string ToString() =>
        $"Incompatibility{{type:{TypeName}, location:{Location}, message:{Message}, reader:{ReaderFragment.ToJson()}, writer:{WriterFragment.ToJson()}}}";
}
