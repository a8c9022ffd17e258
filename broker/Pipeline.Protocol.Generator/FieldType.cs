namespace Pipeline.Protocol.Generator;

/// <summary>A spec type: a scalar, a struct name, or <c>[]</c> of either.</summary>
public sealed record FieldType(string Spec, bool IsArray, TypeKind Kind, string? StructName)
{
    public bool IsStruct => Kind == TypeKind.Struct;

    /// <summary>Scalars whose wire form is fixed-width (no length, no null).</summary>
    public bool IsFixedWidth => Kind is not (TypeKind.String or TypeKind.Bytes or TypeKind.Records or TypeKind.Struct);

    public static FieldType Parse(string spec)
    {
        var isArray = spec.StartsWith("[]", StringComparison.Ordinal);
        var element = isArray ? spec[2..] : spec;
        TypeKind? kind = element switch
        {
            "bool" => TypeKind.Bool,
            "int8" => TypeKind.Int8,
            "int16" => TypeKind.Int16,
            "uint16" => TypeKind.UInt16,
            "int32" => TypeKind.Int32,
            "int64" => TypeKind.Int64,
            "float64" => TypeKind.Float64,
            "uuid" => TypeKind.Uuid,
            "string" => TypeKind.String,
            "bytes" => TypeKind.Bytes,
            "records" => TypeKind.Records,
            _ => null,
        };
        if (kind is { } k)
        {
            if (isArray && k is TypeKind.Bytes or TypeKind.Records)
            {
                throw new FormatException($"arrays of {element} are not supported");
            }

            return new FieldType(spec, isArray, k, null);
        }

        if (element.Length == 0 || !char.IsUpper(element[0]))
        {
            throw new FormatException($"unknown type '{spec}'");
        }

        return new FieldType(spec, isArray, TypeKind.Struct, element);
    }
}
