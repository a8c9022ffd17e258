using System.Collections;
using System.Globalization;
using Pipeline.Connect.Api.Data;

namespace Pipeline.Connect.Runtime.Converters.Headers;

/// <summary>
/// Infers a typed value from header text, after Kafka's <c>Values.parseString</c>:
/// <list type="bullet">
/// <item><c>true</c>/<c>false</c> → Boolean; <c>null</c> → no schema, null value.</item>
/// <item>numbers (starting with a digit, + or -): integral values → the smallest of Int8, Int16,
/// Int32, Int64 that holds them (so <c>1.0</c> and <c>1e3</c> are integers, as in Kafka); other
/// values → Float32 when within float range (Kafka's choice, lossy beyond 7 digits), else Float64;
/// integers beyond Int64 → Decimal with scale 0 when a .NET decimal holds them.</item>
/// <item><c>yyyy-MM-dd</c> → Date, <c>HH:mm:ss.SSSZ</c> → Time, <c>yyyy-MM-ddTHH:mm:ss.SSSZ</c> → Timestamp.</item>
/// <item><c>[a,b]</c> → Array and <c>{k:v}</c> → Map, elements parsed the same way (strings inside
/// them quoted), numbers widened to a common type; an empty or all-null array or map gets optional
/// string item schemas; elements of different kinds make the whole text a String.</item>
/// <item>anything else → the text as a String.</item>
/// </list>
/// </summary>
internal sealed class HeaderValueParser
{
    private const string DateFormat = "yyyy-MM-dd";
    private const string TimeFormat = "HH:mm:ss.fff'Z'";
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    private readonly string _text;
    private int _position;

    private HeaderValueParser(string text) => _text = text;

    public static SchemaAndValue Parse(string text)
    {
        if (text.Length == 0)
        {
            return new SchemaAndValue(Schema.String, text);
        }

        var trimmed = text.Trim();
        if (trimmed.Length > 0 && trimmed[0] is '[' or '{')
        {
            var parser = new HeaderValueParser(trimmed);
            if (parser.TryParseEmbedded(out var structured) && parser.AtEnd())
            {
                return structured;
            }

            return new SchemaAndValue(Schema.String, text);
        }

        return trimmed switch
        {
            "null" => SchemaAndValue.Null,
            "true" => new SchemaAndValue(Schema.Boolean, true),
            "false" => new SchemaAndValue(Schema.Boolean, false),
            _ => TryTemporal(trimmed, out var temporal) ? temporal
                : TryNumber(trimmed, out var number) ? number
                : new SchemaAndValue(Schema.String, text),
        };
    }

    private bool AtEnd()
    {
        SkipWhitespace();
        return _position == _text.Length;
    }

    private bool TryParseEmbedded(out SchemaAndValue result)
    {
        SkipWhitespace();
        result = default;
        if (_position >= _text.Length)
        {
            return false;
        }

        switch (_text[_position])
        {
            case '"':
                return TryQuoted(out result);
            case '[':
                return TryArray(out result);
            case '{':
                return TryMap(out result);
        }

        var start = _position;
        var temporalLength = TemporalLengthAt(start);
        if (temporalLength > 0 && TryTemporal(_text.Substring(start, temporalLength), out result))
        {
            _position += temporalLength;
            return true;
        }

        while (_position < _text.Length && _text[_position] is not (',' or ']' or '}' or ':'))
        {
            _position++;
        }

        var token = _text[start.._position].Trim();
        switch (token)
        {
            case "null":
                result = SchemaAndValue.Null;
                return true;
            case "true":
                result = new SchemaAndValue(Schema.Boolean, true);
                return true;
            case "false":
                result = new SchemaAndValue(Schema.Boolean, false);
                return true;
        }

        return TryNumber(token, out result);
    }

    private bool TryQuoted(out SchemaAndValue result)
    {
        var builder = new System.Text.StringBuilder();
        _position++;
        while (_position < _text.Length)
        {
            var c = _text[_position++];
            if (c == '\\' && _position < _text.Length)
            {
                builder.Append(_text[_position++]);
            }
            else if (c == '"')
            {
                var content = builder.ToString();

                // As in Kafka, a quoted temporal literal inside an array or map is still temporal.
                result = TryTemporal(content, out var temporal) ? temporal : new SchemaAndValue(Schema.String, content);
                return true;
            }
            else
            {
                builder.Append(c);
            }
        }

        result = default;
        return false;
    }

    private bool TryArray(out SchemaAndValue result)
    {
        result = default;
        _position++;
        var items = new List<SchemaAndValue>();
        SkipWhitespace();
        if (Consume(']'))
        {
            result = new SchemaAndValue(SchemaBuilder.Array(Schema.OptionalString).Build(), new List<object?>());
            return true;
        }

        while (true)
        {
            if (!TryParseEmbedded(out var item))
            {
                return false;
            }

            items.Add(item);
            SkipWhitespace();
            if (Consume(']'))
            {
                break;
            }

            if (!Consume(','))
            {
                return false;
            }
        }

        if (!TryCommonSchema(items, out var itemSchema))
        {
            return false;
        }

        var list = new List<object?>(items.Count);
        foreach (var item in items)
        {
            list.Add(Widen(item.Value, itemSchema.Type));
        }

        result = new SchemaAndValue(SchemaBuilder.Array(itemSchema).Build(), list);
        return true;
    }

    private bool TryMap(out SchemaAndValue result)
    {
        result = default;
        _position++;
        var keys = new List<SchemaAndValue>();
        var values = new List<SchemaAndValue>();
        SkipWhitespace();
        if (!Consume('}'))
        {
            while (true)
            {
                if (!TryParseEmbedded(out var key) || key.Value is null)
                {
                    return false;
                }

                SkipWhitespace();
                if (!Consume(':') || !TryParseEmbedded(out var value))
                {
                    return false;
                }

                keys.Add(key);
                values.Add(value);
                SkipWhitespace();
                if (Consume('}'))
                {
                    break;
                }

                if (!Consume(','))
                {
                    return false;
                }
            }
        }

        if (!TryCommonSchema(keys, out var keySchema) || !TryCommonSchema(values, out var valueSchema))
        {
            return false;
        }

        IDictionary map = keySchema.Type == SchemaType.String ? new Dictionary<string, object?>(StringComparer.Ordinal) : new Dictionary<object, object?>();
        for (var i = 0; i < keys.Count; i++)
        {
            map[Widen(keys[i].Value, keySchema.Type)!] = Widen(values[i].Value, valueSchema.Type);
        }

        result = new SchemaAndValue(SchemaBuilder.Map(keySchema, valueSchema).Build(), map);
        return true;
    }

    /// <summary>Kafka's commonSchemaFor: one type, or numbers widened to the widest; nulls make it optional.</summary>
    private static bool TryCommonSchema(List<SchemaAndValue> items, out Schema common)
    {
        Schema? found = null;
        var sawNull = false;
        foreach (var item in items)
        {
            if (item.Schema is null)
            {
                sawNull = true;
                continue;
            }

            if (found is null || found.Equals(item.Schema))
            {
                found ??= item.Schema;
                continue;
            }

            if (IsNumeric(found.Type) && IsNumeric(item.Schema.Type) && found.Name is null && item.Schema.Name is null)
            {
                found = item.Schema.Type > found.Type ? item.Schema : found;
                continue;
            }

            common = Schema.String;
            return false;
        }

        common = found is null ? Schema.OptionalString : sawNull ? Optional(found) : found;
        return true;
    }

    private static bool IsNumeric(SchemaType type) => type is >= SchemaType.Int8 and <= SchemaType.Float64;

    private static Schema Optional(Schema schema) => schema.IsOptional
        ? schema
        : new Schema(schema.Type, isOptional: true, schema.DefaultValue, schema.Name, schema.Version, schema.Doc, schema.Parameters, schema.Type == SchemaType.Struct ? schema.Fields : null, schema.KeySchema, schema.ValueSchema);

    private static object? Widen(object? value, SchemaType type) => value switch
    {
        null => null,
        sbyte or short or int or long or float when IsNumeric(type) => type switch
        {
            SchemaType.Int16 => Convert.ToInt16(value, CultureInfo.InvariantCulture),
            SchemaType.Int32 => Convert.ToInt32(value, CultureInfo.InvariantCulture),
            SchemaType.Int64 => Convert.ToInt64(value, CultureInfo.InvariantCulture),
            SchemaType.Float32 => Convert.ToSingle(value, CultureInfo.InvariantCulture),
            SchemaType.Float64 => Convert.ToDouble(value, CultureInfo.InvariantCulture),
            _ => value,
        },
        _ => value,
    };

    private int TemporalLengthAt(int start)
    {
        // Timestamps and times contain ':' (a map delimiter), so they are recognized by shape first.
        foreach (var length in (ReadOnlySpan<int>)[24, 13, 10])
        {
            if (start + length <= _text.Length && (start + length == _text.Length || _text[start + length] is ',' or ']' or '}' or ':' or ' '))
            {
                return length;
            }
        }

        return 0;
    }

    private static bool TryTemporal(string token, out SchemaAndValue result)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (token.Length)
        {
            case 24 when DateTime.TryParseExact(token, TimestampFormat, inv, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var instant):
                result = new SchemaAndValue(ConnectTimestamp.Schema, new DateTimeOffset(instant, TimeSpan.Zero));
                return true;
            case 13 when TimeOnly.TryParseExact(token, TimeFormat, inv, DateTimeStyles.None, out var time):
                result = new SchemaAndValue(ConnectTime.Schema, time);
                return true;
            case 10 when DateOnly.TryParseExact(token, DateFormat, inv, DateTimeStyles.None, out var date):
                result = new SchemaAndValue(ConnectDate.Schema, date);
                return true;
            default:
                result = default;
                return false;
        }
    }

    private static bool TryNumber(string token, out SchemaAndValue result)
    {
        result = default;
        if (token.Length == 0 || !(char.IsAsciiDigit(token[0]) || token[0] is '+' or '-'))
        {
            return false;
        }

        const NumberStyles Style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        if (decimal.TryParse(token, Style, CultureInfo.InvariantCulture, out var number))
        {
            if (number == decimal.Truncate(number))
            {
                result = number switch
                {
                    >= sbyte.MinValue and <= sbyte.MaxValue => new SchemaAndValue(Schema.Int8, (sbyte)number),
                    >= short.MinValue and <= short.MaxValue => new SchemaAndValue(Schema.Int16, (short)number),
                    >= int.MinValue and <= int.MaxValue => new SchemaAndValue(Schema.Int32, (int)number),
                    >= long.MinValue and <= long.MaxValue => new SchemaAndValue(Schema.Int64, (long)number),
                    _ => new SchemaAndValue(ConnectDecimal.Schema(0), decimal.Truncate(number) + 0m),
                };
                return true;
            }

            var single = (float)number;
            result = float.IsFinite(single) ? new SchemaAndValue(Schema.Float32, single) : new SchemaAndValue(Schema.Float64, (double)number);
            return true;
        }

        if (double.TryParse(token, Style, CultureInfo.InvariantCulture, out var wide) && double.IsFinite(wide))
        {
            result = new SchemaAndValue(Schema.Float64, wide);
            return true;
        }

        return false;
    }

    private bool Consume(char c)
    {
        if (_position < _text.Length && _text[_position] == c)
        {
            _position++;
            return true;
        }

        return false;
    }

    private void SkipWhitespace()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }
}
