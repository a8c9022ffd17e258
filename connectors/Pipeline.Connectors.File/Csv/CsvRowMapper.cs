using CsvHelper;
using Pipeline.Connect.Api.Data;

namespace Pipeline.Connectors.File.Csv;

/// <summary>
/// Maps the rows of one file (one header) to a key and a value struct. Built once per file from
/// its header and the config; reused for every row, so the per-row work is one parse per column.
/// Used by the task thread only.
/// </summary>
internal sealed class CsvRowMapper
{
    private readonly CsvColumnParser[] _valueParsers;
    private readonly int[] _valueColumns;
    private readonly object?[] _values;
    private readonly CsvColumnParser[]? _keyParsers;
    private readonly int[]? _keyColumns;
    private readonly int _singleKeyIndex = -1;
    private readonly int[]? _keyFromValue;

    private CsvRowMapper(
        Schema valueSchema,
        CsvColumnParser[] valueParsers,
        int[] valueColumns,
        int expectedFields,
        Schema? keySchema,
        CsvColumnParser[]? keyParsers,
        int[]? keyColumns,
        int singleKeyIndex,
        int[]? keyFromValue)
    {
        ValueSchema = valueSchema;
        _valueParsers = valueParsers;
        _valueColumns = valueColumns;
        _values = new object?[valueParsers.Length];
        ExpectedFields = expectedFields;
        KeySchema = keySchema;
        _keyParsers = keyParsers;
        _keyColumns = keyColumns;
        _singleKeyIndex = singleKeyIndex;
        _keyFromValue = keyFromValue;
    }

    public Schema ValueSchema { get; }

    public Schema? KeySchema { get; }

    /// <summary>The number of fields every row must have.</summary>
    public int ExpectedFields { get; }

    /// <summary>
    /// A mapper for a file whose columns are <paramref name="header"/> (null without a header
    /// row, then <paramref name="columnCount"/> columns matched to schema fields by position).
    /// <paramref name="generated"/> caches the generated schema across files of the same header.
    /// </summary>
    public static CsvRowMapper Create(CsvSourceConfig config, IReadOnlyList<string>? header, int columnCount, ref Schema? generated)
    {
        var valueSchema = config.ValueSchema ?? Generate(config, header, columnCount, ref generated);
        var fields = valueSchema.Fields;
        var parsers = new CsvColumnParser[fields.Count];
        var columns = new int[fields.Count];
        for (var i = 0; i < fields.Count; i++)
        {
            parsers[i] = Parser(config, fields[i]);
            // A generated schema has one field per column, in order; a given one is matched by name.
            columns[i] = header is null || config.ValueSchema is null ? (i < columnCount ? i : -1) : IndexOf(header, fields[i].Name);
            if (columns[i] < 0 && !fields[i].Schema.IsOptional)
            {
                throw new FormatException($"the file has no column '{fields[i].Name}' for the required field of value.schema");
            }
        }

        var expected = header?.Count ?? columnCount;
        if (config.KeySchema is { } keySchema)
        {
            var keyFields = keySchema.Fields;
            var keyParsers = new CsvColumnParser[keyFields.Count];
            var keyColumns = new int[keyFields.Count];
            for (var i = 0; i < keyFields.Count; i++)
            {
                keyParsers[i] = Parser(config, keyFields[i]);
                keyColumns[i] = header is null ? i : IndexOf(header, keyFields[i].Name);
                if (keyColumns[i] < 0 && !keyFields[i].Schema.IsOptional)
                {
                    throw new FormatException($"the file has no column '{keyFields[i].Name}' for the required field of key.schema");
                }
            }

            return new CsvRowMapper(valueSchema, parsers, columns, expected, keySchema, keyParsers, keyColumns, -1, null);
        }

        if (config.Keys.Count == 0)
        {
            return new CsvRowMapper(valueSchema, parsers, columns, expected, null, null, null, -1, null);
        }

        var fromValue = new int[config.Keys.Count];
        for (var i = 0; i < fromValue.Length; i++)
        {
            fromValue[i] = valueSchema.Field(config.Keys[i])?.Index
                ?? throw new FormatException($"key field '{config.Keys[i]}' is not a column of the file");
        }

        if (fromValue.Length == 1)
        {
            return new CsvRowMapper(valueSchema, parsers, columns, expected, fields[fromValue[0]].Schema, null, null, fromValue[0], null);
        }

        var builder = SchemaBuilder.Struct();
        if (config.KeyName is not null)
        {
            builder.Name(config.KeyName);
        }

        foreach (var index in fromValue)
        {
            builder.Field(fields[index].Name, fields[index].Schema);
        }

        return new CsvRowMapper(valueSchema, parsers, columns, expected, builder.Build(), null, null, -1, fromValue);
    }

    /// <summary>The current row of <paramref name="reader"/> as key and value; false with a reason when a cell does not fit.</summary>
    public bool TryMap(CsvReader reader, out object? key, out Struct? value, out string? error)
    {
        key = null;
        value = null;
        var values = _values;
        for (var i = 0; i < _valueParsers.Length; i++)
        {
            if (!_valueParsers[i].TryParse(reader, _valueColumns[i], out values[i], out error))
            {
                return false;
            }
        }

        var fields = ValueSchema.Fields;
        var s = new Struct(ValueSchema);
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is { } v)
            {
                s.Put(fields[i], v);
            }
        }

        value = s;
        error = null;
        if (_singleKeyIndex >= 0)
        {
            key = values[_singleKeyIndex];
        }
        else if (_keyFromValue is not null)
        {
            var k = new Struct(KeySchema!);
            var keyFields = KeySchema!.Fields;
            for (var i = 0; i < _keyFromValue.Length; i++)
            {
                if (values[_keyFromValue[i]] is { } v)
                {
                    k.Put(keyFields[i], v);
                }
            }

            key = k;
        }
        else if (_keyParsers is not null)
        {
            var k = new Struct(KeySchema!);
            for (var i = 0; i < _keyParsers.Length; i++)
            {
                if (!_keyParsers[i].TryParse(reader, _keyColumns![i], out var v, out error))
                {
                    value = null;
                    return false;
                }

                if (v is not null)
                {
                    k.Put(_keyParsers[i].Field, v);
                }
            }

            key = k;
        }

        return true;
    }

    private static CsvColumnParser Parser(CsvSourceConfig config, Field field) =>
        new(field, config.Nulls, config.TimestampPattern, config.DatePattern, config.TimePattern);

    private static Schema Generate(CsvSourceConfig config, IReadOnlyList<string>? header, int columnCount, ref Schema? cached)
    {
        var names = new List<string>(header?.Count ?? columnCount);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (header?.Count ?? columnCount); i++)
        {
            var name = header is null || string.IsNullOrWhiteSpace(header[i]) ? "column" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : header[i];
            var unique = name;
            for (var n = 2; !seen.Add(unique); n++)
            {
                unique = name + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            names.Add(unique);
        }

        if (cached is not null && SameFields(cached, names))
        {
            return cached;
        }

        var builder = SchemaBuilder.Struct();
        if (config.ValueName is not null)
        {
            builder.Name(config.ValueName);
        }

        foreach (var name in names)
        {
            builder.Field(name, Schema.OptionalString);
        }

        cached = builder.Build();
        return cached;
    }

    private static bool SameFields(Schema schema, List<string> names)
    {
        var fields = schema.Fields;
        if (fields.Count != names.Count)
        {
            return false;
        }

        for (var i = 0; i < names.Count; i++)
        {
            if (fields[i].Name != names[i])
            {
                return false;
            }
        }

        return true;
    }

    private static int IndexOf(IReadOnlyList<string> header, string name)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (header[i] == name)
            {
                return i;
            }
        }

        for (var i = 0; i < header.Count; i++)
        {
            if (string.Equals(header[i].Trim(), name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
