using System.Globalization;
using System.Text;
using CsvHelper;
using Pipeline.Connect.Api.Data;

namespace Pipeline.Connectors.File.Csv;

/// <summary>
/// Turns one cell into the value of one schema field. Numbers and booleans are parsed from the
/// reader's UTF-8 span (no string is made for them); only strings, bytes and dates materialize text.
/// </summary>
internal sealed class CsvColumnParser
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private readonly Kind _kind;
    private readonly int _scale;
    private readonly NullIndicator _nulls;
    private readonly byte[]? _nullText;
    private readonly string? _format;

    public CsvColumnParser(Field field, NullIndicator nulls, string? timestampFormat, string dateFormat, string timeFormat)
    {
        Field = field;
        _nulls = nulls;
        _nullText = nulls.Text is null ? null : Encoding.UTF8.GetBytes(nulls.Text);
        var schema = field.Schema;
        _kind = schema.Name switch
        {
            ConnectDecimal.LogicalName when schema.Type == SchemaType.Bytes => Kind.Decimal,
            ConnectDate.LogicalName when schema.Type == SchemaType.Int32 => Kind.Date,
            ConnectTime.LogicalName when schema.Type == SchemaType.Int32 => Kind.Time,
            ConnectTimestamp.LogicalName when schema.Type == SchemaType.Int64 => Kind.Timestamp,
            _ => schema.Type switch
            {
                SchemaType.Int8 => Kind.Int8,
                SchemaType.Int16 => Kind.Int16,
                SchemaType.Int32 => Kind.Int32,
                SchemaType.Int64 => Kind.Int64,
                SchemaType.Float32 => Kind.Float32,
                SchemaType.Float64 => Kind.Float64,
                SchemaType.Boolean => Kind.Boolean,
                SchemaType.String => Kind.String,
                SchemaType.Bytes => Kind.Bytes,
                _ => throw new Connect.Api.Errors.DataException($"Field {field.Name}: a CSV cell cannot hold a {schema.Type}"),
            },
        };
        if (_kind == Kind.Decimal)
        {
            _scale = ConnectDecimal.ScaleOf(schema);
        }

        _format = _kind switch
        {
            Kind.Date => dateFormat,
            Kind.Time => timeFormat,
            Kind.Timestamp => timestampFormat,
            _ => null,
        };
    }

    private enum Kind
    {
        String,
        Int8,
        Int16,
        Int32,
        Int64,
        Float32,
        Float64,
        Boolean,
        Bytes,
        Decimal,
        Date,
        Time,
        Timestamp,
    }

    public Field Field { get; }

    /// <summary>The cell's value; false with a reason when it does not fit the field.</summary>
    public bool TryParse(CsvReader reader, int column, out object? value, out string? error)
    {
        error = null;
        if (column < 0 || column >= reader.FieldCount || IsNull(reader, column))
        {
            value = null;
            if (!Field.Schema.IsOptional)
            {
                error = $"required column '{Field.Name}' is empty";
                return false;
            }

            return true;
        }

        var ok = _kind switch
        {
            Kind.String => Done(reader.GetString(column), out value),
            Kind.Int8 => Box(reader.TryParse<sbyte>(column, out var i8), i8, out value),
            Kind.Int16 => Box(reader.TryParse<short>(column, out var i16), i16, out value),
            Kind.Int32 => Box(reader.TryParse<int>(column, out var i32), i32, out value),
            Kind.Int64 => Box(reader.TryParse<long>(column, out var i64), i64, out value),
            Kind.Float32 => Box(reader.TryParse<float>(column, out var f32), f32, out value),
            Kind.Float64 => Box(reader.TryParse<double>(column, out var f64), f64, out value),
            Kind.Boolean => Box(reader.TryParse<bool>(column, out var b), b, out value),
            Kind.Decimal => TryDecimal(reader, column, out value),
            _ => TryText(reader.GetString(column), out value),
        };
        if (!ok)
        {
            error = $"column '{Field.Name}' value '{reader.GetString(column)}' is not a valid {Describe()}";
        }

        return ok;
    }

    private bool IsNull(CsvReader reader, int column)
    {
        if (reader.IsEmpty(column))
        {
            // NONE keeps an empty string; an empty number or date can only be null.
            return _nulls.EmptyIsNull || _kind != Kind.String || _nullText is { Length: 0 };
        }

        return _nullText is not null && reader.GetSpan(column).SequenceEqual(_nullText);
    }

    private bool TryDecimal(CsvReader reader, int column, out object? value)
    {
        if (!reader.TryParse<decimal>(column, out var d))
        {
            value = null;
            return false;
        }

        if (d.Scale > _scale)
        {
            // More digits after the point than the schema's scale: only trailing zeros may go.
            var rounded = decimal.Round(d, _scale);
            if (rounded != d)
            {
                value = null;
                return false;
            }

            d = rounded;
        }

        value = d;
        return true;
    }

    private bool TryText(string text, out object? value)
    {
        value = null;
        switch (_kind)
        {
            case Kind.Bytes:
                var bytes = new byte[(text.Length * 3 / 4) + 3];
                if (!Convert.TryFromBase64String(text, bytes, out var n))
                {
                    return false;
                }

                value = bytes.AsSpan(0, n).ToArray();
                return true;
            case Kind.Date:
                if (DateOnly.TryParseExact(text, _format, Inv, DateTimeStyles.None, out var date))
                {
                    value = date;
                    return true;
                }

                return false;
            case Kind.Time:
                if (TimeOnly.TryParseExact(text, _format, Inv, DateTimeStyles.None, out var time))
                {
                    value = time;
                    return true;
                }

                return false;
            default:
                if (_format is null && long.TryParse(text, NumberStyles.AllowLeadingSign, Inv, out var millis))
                {
                    value = DateTimeOffset.FromUnixTimeMilliseconds(millis);
                    return true;
                }

                var ok = _format is null
                    ? DateTimeOffset.TryParse(text, Inv, DateTimeStyles.AssumeUniversal, out var ts)
                    : DateTimeOffset.TryParseExact(text, _format, Inv, DateTimeStyles.AssumeUniversal, out ts);
                if (ok)
                {
                    value = ts.ToUniversalTime();
                }

                return ok;
        }
    }

    private string Describe() => _kind switch
    {
        Kind.Decimal => $"decimal with at most {_scale} digits after the point",
        Kind.Date or Kind.Time or Kind.Timestamp => $"{_kind.ToString().ToLowerInvariant()} ({_format ?? "ISO-8601 or epoch milliseconds"})",
        Kind.Bytes => "base64 bytes",
        _ => _kind.ToString().ToLowerInvariant(),
    };

    private static bool Done(string s, out object? value)
    {
        value = s;
        return true;
    }

    private static bool Box<T>(bool ok, T parsed, out object? value)
        where T : struct
    {
        value = ok ? parsed : null;
        return ok;
    }
}
