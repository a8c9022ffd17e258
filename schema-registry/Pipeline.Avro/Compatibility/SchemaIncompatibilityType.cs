namespace Pipeline.Avro.Compatibility;

/// <summary>Java's <c>SchemaCompatibility.SchemaIncompatibilityType</c>; <see cref="SchemaIncompatibility.TypeName"/> gives the Java spelling.</summary>
public enum SchemaIncompatibilityType
{
    NameMismatch,
    FixedSizeMismatch,
    MissingEnumSymbols,
    ReaderFieldMissingDefaultValue,
    TypeMismatch,
    MissingUnionBranch,
}
