using System.Globalization;
using Pipeline.Connect.Api.Data;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>
/// The part of Kafka's <c>Values.parseString</c> that literal config values need: "true"/"false"
/// become Boolean, integers the smallest of Int8/Int16/Int32/Int64 that holds them, other numbers
/// Float32 when a float holds them exactly or else Float64; everything else stays a String.
/// Kafka's array, map and date literals are read as plain strings here.
/// </summary>
internal static class LiteralValues
{
    public static SchemaAndValue Parse(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Equals("true", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return new SchemaAndValue(Schema.Boolean, trimmed.Equals("true", StringComparison.OrdinalIgnoreCase));
        }

        if (trimmed.Length > 0 && long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return l switch
            {
                >= sbyte.MinValue and <= sbyte.MaxValue => new SchemaAndValue(Schema.Int8, (sbyte)l),
                >= short.MinValue and <= short.MaxValue => new SchemaAndValue(Schema.Int16, (short)l),
                >= int.MinValue and <= int.MaxValue => new SchemaAndValue(Schema.Int32, (int)l),
                _ => new SchemaAndValue(Schema.Int64, l),
            };
        }

        if (trimmed.Length > 0 && char.IsAsciiDigit(trimmed[^1]) && double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            var f = (float)d;
            return (double)f == d ? new SchemaAndValue(Schema.Float32, f) : new SchemaAndValue(Schema.Float64, d);
        }

        return new SchemaAndValue(Schema.String, text);
    }
}
