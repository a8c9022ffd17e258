using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Pipeline.Protocol.Generator;

/// <summary>C# types, default values and default tests for spec fields.</summary>
public static class FieldTypes
{
    /// <summary>The C# type of one element (or of the whole field when it is not an array).</summary>
    public static string ElementType(FieldSpec f) => f.Type.Kind switch
    {
        TypeKind.Bool => "bool",
        TypeKind.Int8 => "sbyte",
        TypeKind.Int16 => "short",
        TypeKind.UInt16 => "ushort",
        TypeKind.Int32 => "int",
        TypeKind.Int64 => "long",
        TypeKind.Float64 => "double",
        TypeKind.Uuid => "Uuid",
        TypeKind.String => "string",
        TypeKind.Bytes => "byte[]",
        TypeKind.Records => "RecordSet",
        TypeKind.Struct => f.Struct!.TypeName,
        _ => throw new InvalidOperationException(f.Type.Kind.ToString()),
    };

    public static string PropertyType(FieldSpec f)
    {
        var type = f.Type.IsArray ? $"List<{ElementType(f)}>" : ElementType(f);
        return f.IsNullableType ? type + "?" : type;
    }

    /// <summary>The property initializer, or null when the CLR default is the spec default.</summary>
    public static string? Initializer(FieldSpec f)
    {
        if (f.Type.IsArray || f.Type.IsStruct)
        {
            return f.DefaultIsNull ? null : "new()";
        }

        switch (f.Type.Kind)
        {
            case TypeKind.String:
                return f.DefaultIsNull ? null : StringLiteral(DefaultText(f) ?? "");
            case TypeKind.Bytes:
                return f.DefaultIsNull ? null : "[]";
            case TypeKind.Records:
                return f.NullableVersions.IsEmpty ? "RecordSet.Empty" : null;
            case TypeKind.Uuid:
                return DefaultText(f) is null or "" or "0" ? null : throw new FormatException($"{f.Name}: uuid defaults are not supported");
            default:
                var literal = ScalarLiteral(f);
                return literal is "0" or "false" ? null : literal;
        }
    }

    /// <summary>An expression that is true when the property holds its default.</summary>
    public static string IsDefault(FieldSpec f)
    {
        var p = f.PropertyName;
        if (f.Type.IsArray)
        {
            return f.DefaultIsNull ? $"{p} is null" : f.IsNullableType ? $"{p} is {{ Count: 0 }}" : $"{p}.Count == 0";
        }

        switch (f.Type.Kind)
        {
            case TypeKind.Struct:
                return f.DefaultIsNull ? $"{p} is null" : f.IsNullableType ? $"{p} is not null && {p}.EqualsDefault()" : $"{p}.EqualsDefault()";
            case TypeKind.String:
                return f.DefaultIsNull ? $"{p} is null" : $"{p} == {StringLiteral(DefaultText(f) ?? "")}";
            case TypeKind.Bytes:
                return f.DefaultIsNull ? $"{p} is null" : f.IsNullableType ? $"{p} is {{ Length: 0 }}" : $"{p}.Length == 0";
            case TypeKind.Records:
                return f.NullableVersions.IsEmpty ? $"{p} is {{ IsNull: false, Length: 0 }}" : $"{p}.IsNull";
            case TypeKind.Uuid:
                return $"{p}.IsZero";
            case TypeKind.Bool:
                return ScalarLiteral(f) == "true" ? p : $"!{p}";
            default:
                return $"{p} == {ScalarLiteral(f)}";
        }
    }

    /// <summary>An expression that is true when the property differs from its default.</summary>
    public static string IsNotDefault(FieldSpec f)
    {
        var p = f.PropertyName;
        if (f.Type.IsArray)
        {
            return f.DefaultIsNull ? $"{p} is not null" : f.IsNullableType ? $"{p} is not {{ Count: 0 }}" : $"{p}.Count != 0";
        }

        switch (f.Type.Kind)
        {
            case TypeKind.Struct:
                return f.DefaultIsNull ? $"{p} is not null" : f.IsNullableType ? $"{p} is null || !{p}.EqualsDefault()" : $"!{p}.EqualsDefault()";
            case TypeKind.String:
                return f.DefaultIsNull ? $"{p} is not null" : $"{p} != {StringLiteral(DefaultText(f) ?? "")}";
            case TypeKind.Bytes:
                return f.DefaultIsNull ? $"{p} is not null" : f.IsNullableType ? $"{p} is not {{ Length: 0 }}" : $"{p}.Length != 0";
            case TypeKind.Records:
                return f.NullableVersions.IsEmpty ? $"{p} is not {{ IsNull: false, Length: 0 }}" : $"!{p}.IsNull";
            case TypeKind.Uuid:
                return $"!{p}.IsZero";
            case TypeKind.Bool:
                return ScalarLiteral(f) == "true" ? $"!{p}" : p;
            default:
                return $"{p} != {ScalarLiteral(f)}";
        }
    }

    private static string? DefaultText(FieldSpec f) => f.Default switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } d => d.GetString(),
        { } d => d.GetRawText(),
    };

    /// <summary>A literal for a bool or number default ("-1", "0x7fffffff", "true", 0, false ...).</summary>
    public static string ScalarLiteral(FieldSpec f)
    {
        var text = DefaultText(f)?.Trim();
        if (f.Type.Kind == TypeKind.Bool)
        {
            return text is null or "" ? "false" : bool.Parse(text) ? "true" : "false";
        }

        if (text is null or "")
        {
            return "0";
        }

        if (f.Type.Kind == TypeKind.Float64)
        {
            return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture);
        }

        var negative = text.StartsWith('-');
        var digits = negative ? text[1..] : text;
        var magnitude = digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? decimal.Parse(ulong.Parse(digits[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
            : decimal.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        var value = negative ? -magnitude : magnitude;
        var (min, max) = f.Type.Kind switch
        {
            TypeKind.Int8 => ((decimal)sbyte.MinValue, (decimal)sbyte.MaxValue),
            TypeKind.Int16 => (short.MinValue, short.MaxValue),
            TypeKind.UInt16 => (ushort.MinValue, ushort.MaxValue),
            TypeKind.Int32 => (int.MinValue, int.MaxValue),
            TypeKind.Int64 => (long.MinValue, (decimal)long.MaxValue),
            _ => throw new FormatException($"{f.Name}: a {f.Type.Spec} cannot have default {text}"),
        };
        if (value < min || value > max)
        {
            throw new FormatException($"{f.Name}: default {text} is out of range for {f.Type.Spec}");
        }

        return value.ToString(CultureInfo.InvariantCulture);
    }

    public static string StringLiteral(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in value)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c < ' ' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return sb.Append('"').ToString();
    }

    public static string XmlText(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);
}
