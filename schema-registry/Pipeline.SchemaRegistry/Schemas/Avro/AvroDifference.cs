using Pipeline.Avro.Compatibility;

namespace Pipeline.SchemaRegistry.Schemas.Avro;

/// <summary>
/// Words an Avro incompatibility as Confluent's registry does (its Difference class):
/// <c>{errorType:'TYPE', description:'...', additionalInfo:'...'}</c>. The description keeps two
/// <c>%s</c> slots for "new"/"old" (see <see cref="CompatibilityChecker"/>).
/// </summary>
internal static class AvroDifference
{
    public static string Describe(SchemaIncompatibility incompatibility)
    {
        var path = incompatibility.Location;
        var description = incompatibility.Type switch
        {
            SchemaIncompatibilityType.FixedSizeMismatch => $"The size of FIXED type field at path '{path}' in the %s schema does not match with the %s schema",
            SchemaIncompatibilityType.TypeMismatch => $"The type (path '{path}') of a field in the %s schema does not match with the %s schema",
            SchemaIncompatibilityType.NameMismatch => $"The name of the schema has changed (path '{path}')",
            SchemaIncompatibilityType.MissingEnumSymbols => $"The %s schema is missing enum symbols '{incompatibility.Message}' at path '{path}' in the %s schema",
            SchemaIncompatibilityType.MissingUnionBranch => $"The %s schema is missing a type inside a union field at path '{path}' in the %s schema",
            SchemaIncompatibilityType.ReaderFieldMissingDefaultValue => $"The field '{incompatibility.Message}' at path '{path}' in the %s schema has no default value and is missing in the %s schema",
            _ => "",
        };
        return "{errorType:'" + incompatibility.TypeName + "', description:'" + description + "', additionalInfo:'" + incompatibility.Message + "'}";
    }
}
