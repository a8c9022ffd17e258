using System.Globalization;
using System.Numerics;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Errors;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>
/// The value conversions of <see cref="Cast"/>, with Java's semantics: integer narrowing wraps,
/// floating-point to integer saturates (NaN is 0) before narrowing, strings parse strictly
/// (Java's <c>Integer.parseInt</c>), numbers are true when non-zero, and strings are true when
/// they say "true" in any case.
/// </summary>
internal static class CastValues
{
    public static string Describe(SchemaType[] types) => "[" + string.Join(", ", types.Select(SchemaUtil.TypeName)) + "]";

    public static object? CastValueToType(Schema? schema, object? value, SchemaType targetType)
    {
        if (value is null)
        {
            return null;
        }

        var inferred = schema?.Type ?? Schema.TypeOf(value)
            ?? throw new DataException($"Cast transformation was passed a value of type {value.GetType()} which is not supported by Connect's data API");
        if (Array.IndexOf(Cast.SupportedInputTypes, inferred) < 0)
        {
            throw new DataException($"Cast transformation does not support casting from {SchemaUtil.TypeName(inferred)}; supported types are {Describe(Cast.SupportedInputTypes)}");
        }

        if (schema?.Name is not null && targetType != SchemaType.String)
        {
            value = EncodeLogical(schema, value);
        }

        try
        {
            return targetType switch
            {
                SchemaType.Int8 => ToInt8(value),
                SchemaType.Int16 => ToInt16(value),
                SchemaType.Int32 => ToInt32(value),
                SchemaType.Int64 => ToInt64(value),
                SchemaType.Float32 => ToFloat32(value),
                SchemaType.Float64 => ToFloat64(value),
                SchemaType.Boolean => ToBoolean(value),
                SchemaType.String => JavaText.ToString(value),
                _ => throw new DataException($"{SchemaUtil.TypeName(targetType)} is not supported in the Cast transformation."),
            };
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new DataException($"Value ({JavaText.ToString(value)}) was out of range for requested data type", e);
        }
    }

    private static object EncodeLogical(Schema schema, object value) => (schema.Name, value) switch
    {
        (ConnectDate.LogicalName, DateOnly d) => ConnectDate.FromLogical(schema, d),
        (ConnectTime.LogicalName, TimeOnly t) => ConnectTime.FromLogical(schema, t),
        (ConnectTimestamp.LogicalName, DateTimeOffset ts) => ConnectTimestamp.FromLogical(schema, ts),
        (ConnectTimestamp.LogicalName, DateTime dt) => ConnectTimestamp.FromLogical(schema, dt),
        _ => value,
    };

    private static sbyte ToInt8(object value) => value switch
    {
        string s => sbyte.Parse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
        bool b => b ? (sbyte)1 : (sbyte)0,
        _ => unchecked((sbyte)IntValue(value)),
    };

    private static short ToInt16(object value) => value switch
    {
        string s => short.Parse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
        bool b => b ? (short)1 : (short)0,
        _ => unchecked((short)IntValue(value)),
    };

    private static int ToInt32(object value) => value switch
    {
        string s => int.Parse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
        bool b => b ? 1 : 0,
        _ => IntValue(value),
    };

    private static long ToInt64(object value) => value switch
    {
        string s => long.Parse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
        bool b => b ? 1L : 0L,
        _ => LongValue(value),
    };

    private static float ToFloat32(object value) => value switch
    {
        string s => (float)ParseJavaDouble(s),
        bool b => b ? 1f : 0f,
        _ => (float)DoubleValue(value),
    };

    private static double ToFloat64(object value) => value switch
    {
        string s => ParseJavaDouble(s),
        bool b => b ? 1d : 0d,
        _ => DoubleValue(value),
    };

    private static bool ToBoolean(object value) => value switch
    {
        string s => string.Equals(s, "true", StringComparison.OrdinalIgnoreCase),
        bool b => b,
        _ => LongValue(value) != 0L,
    };

    // Java's Number.intValue(): integers wrap, floating point saturates (NaN = 0), BigDecimal keeps the low 32 bits of its integer part.
    private static int IntValue(object value) => value switch
    {
        sbyte or short or int => Convert.ToInt32(value, CultureInfo.InvariantCulture),
        long l => unchecked((int)l),
        float f => SaturateToInt(f),
        double d => SaturateToInt(d),
        decimal m => unchecked((int)(long)(new BigInteger(decimal.Truncate(m)) & ulong.MaxValue)),
        _ => throw Unexpected(value),
    };

    private static long LongValue(object value) => value switch
    {
        sbyte or short or int or long => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        float f => SaturateToLong(f),
        double d => SaturateToLong(d),
        decimal m => unchecked((long)(ulong)(new BigInteger(decimal.Truncate(m)) & ulong.MaxValue)),
        _ => throw Unexpected(value),
    };

    private static double DoubleValue(object value) => value switch
    {
        sbyte or short or int or long or decimal => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        float f => f,
        double d => d,
        _ => throw Unexpected(value),
    };

    private static int SaturateToInt(double d) => double.IsNaN(d) ? 0 : d >= int.MaxValue ? int.MaxValue : d <= int.MinValue ? int.MinValue : (int)d;

    private static long SaturateToLong(double d) => double.IsNaN(d) ? 0 : d >= long.MaxValue ? long.MaxValue : d <= long.MinValue ? long.MinValue : (long)d;

    // Java's Double.parseDouble: surrounding whitespace, NaN, Infinity and a trailing f/d type suffix are accepted.
    private static double ParseJavaDouble(string s)
    {
        var text = s.Trim();
        if (text.Length > 1 && text[^1] is 'f' or 'F' or 'd' or 'D' && !text.EndsWith("Infinity", StringComparison.Ordinal))
        {
            text = text[..^1];
        }

        return text switch
        {
            "NaN" or "+NaN" or "-NaN" => double.NaN,
            "Infinity" or "+Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
    }

    private static DataException Unexpected(object value) => new($"Unexpected type in Cast transformation: {value.GetType()}");
}
