using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Errors;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>
/// Kafka's <c>TimestampConverter</c>: converts the whole key/value, or the field <c>field</c> of a
/// Struct or Map, between <c>string</c> (a SimpleDateFormat <c>format</c>, UTC), <c>unix</c>
/// (an Int64 in <c>unix.precision</c>), <c>Date</c>, <c>Time</c> and <c>Timestamp</c>. Like Kafka,
/// every conversion passes through a millisecond instant, so sub-millisecond digits are lost.
/// The input kind comes from the schema (logical name, String, Int64) or, schemaless, from the
/// .NET type (DateTimeOffset/DateTime, DateOnly, TimeOnly, long, string).
/// </summary>
public abstract class TimestampConverter : KeyOrValueTransformation
{
    public const string FieldConfig = "field";
    public const string TargetTypeConfig = "target.type";
    public const string FormatConfig = "format";
    public const string UnixPrecisionConfig = "unix.precision";
    public const string ReplaceNullWithDefaultConfig = "replace.null.with.default";
    private const string Purpose = "converting timestamp formats";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(FieldConfig, ConfigType.String, "", null, Importance.High, "The field containing the timestamp, or empty if the entire value is a timestamp")
        .Define(TargetTypeConfig, ConfigType.String, ConfigDef.NoDefault, ConfigValidators.In("string", "unix", "Date", "Time", "Timestamp"), Importance.High, "The desired timestamp representation: string, unix, Date, Time, or Timestamp")
        .Define(FormatConfig, ConfigType.String, "", null, Importance.Medium, "A SimpleDateFormat-compatible format for the timestamp. Used to generate the output when type=string or used to parse the input if the input is a string.")
        .Define(UnixPrecisionConfig, ConfigType.String, "milliseconds", ConfigValidators.In("nanoseconds", "microseconds", "milliseconds", "seconds"), Importance.Low, "The desired Unix precision for the timestamp: seconds, milliseconds, microseconds, or nanoseconds. Used to generate the output when type=unix or used to parse the input if the input is a Long. Note: This SMT will cause precision loss during conversions from, and to, values with sub-millisecond components.")
        .Define(ReplaceNullWithDefaultConfig, ConfigType.Boolean, true, null, Importance.Medium, "Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.");

    private readonly SchemaUpdateCache _schemaUpdateCache = new();
    private string _field = "";
    private TimestampKind _target;
    private JavaDateFormat? _format;
    private string _unixPrecision = "milliseconds";
    private bool _replaceNullWithDefault = true;

    private protected TimestampConverter(bool operatesOnKey)
        : base(operatesOnKey)
    {
    }

    public override ConfigDef Config => Definition;

    public override void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = TransformValidators.Parse(Definition, configs);
        _field = config.GetString(FieldConfig) ?? "";
        _target = config.GetString(TargetTypeConfig) switch
        {
            "string" => TimestampKind.String,
            "unix" => TimestampKind.Unix,
            "Date" => TimestampKind.Date,
            "Time" => TimestampKind.Time,
            _ => TimestampKind.Timestamp,
        };
        _unixPrecision = config.GetString(UnixPrecisionConfig)!;
        _replaceNullWithDefault = config.GetBoolean(ReplaceNullWithDefaultConfig);
        var pattern = config.GetString(FormatConfig);
        if (_target == TimestampKind.String && string.IsNullOrWhiteSpace(pattern))
        {
            throw new ConfigException(FormatConfig, pattern, "TimestampConverter requires format option to be specified when using string timestamps");
        }

        _format = null;
        if (!string.IsNullOrWhiteSpace(pattern))
        {
            try
            {
                _format = new JavaDateFormat(pattern);
            }
            catch (ArgumentException e)
            {
                throw new ConfigException(FormatConfig, pattern, "TimestampConverter requires a SimpleDateFormat-compatible pattern for string timestamps: " + pattern + " (" + e.Message + ")");
            }
        }
    }

    public override ConnectRecord? Apply(ConnectRecord record)
    {
        var schema = OperatingSchema(record);
        var value = OperatingValue(record);
        if (schema is null)
        {
            if (value is null || _field.Length == 0)
            {
                return NewRecord(record, null, Convert(value, null));
            }

            var updated = Requirements.CopyMap(Requirements.RequireMap(value, Purpose));
            updated[_field] = Convert(updated.GetValueOrDefault(_field), null);
            return NewRecord(record, null, updated);
        }

        if (_field.Length == 0)
        {
            return NewRecord(record, SchemaFor(_target, schema.IsOptional), Convert(value, KindOf(schema)));
        }

        var input = Requirements.RequireStructOrNull(value, Purpose);
        var updatedSchema = _schemaUpdateCache.GetOrAdd(schema, BuildUpdatedSchema);
        return NewRecord(record, updatedSchema, ConvertStruct(input, updatedSchema));
    }

    private Schema BuildUpdatedSchema(Schema schema)
    {
        if (schema.Type != SchemaType.Struct)
        {
            throw new DataException($"Only Struct objects supported for [{Purpose}], found: {SchemaUtil.TypeName(schema.Type)} schema");
        }

        var builder = SchemaUtil.CopySchemaBasics(schema, SchemaBuilder.Struct());
        foreach (var field in schema.Fields)
        {
            builder.Field(field.Name, field.Name == _field ? SchemaFor(_target, field.Schema.IsOptional) : field.Schema);
        }

        if (schema.IsOptional)
        {
            builder.Optional();
        }

        if (schema.DefaultValue is Struct defaultValue)
        {
            builder.DefaultValue(ConvertStruct(defaultValue, builder.Build()));
        }

        return builder.Build();
    }

    private Struct? ConvertStruct(Struct? value, Schema updatedSchema)
    {
        if (value is null)
        {
            return null;
        }

        var updated = new Struct(updatedSchema);
        foreach (var field in value.Schema.Fields)
        {
            var fieldValue = _replaceNullWithDefault ? value.Get(field) : value.GetWithoutDefault(field.Name);
            updated.Put(field.Name, field.Name == _field ? Convert(fieldValue, KindOf(field.Schema)) : fieldValue);
        }

        return updated;
    }

    private object? Convert(object? timestamp, TimestampKind? sourceKind)
    {
        if (timestamp is null)
        {
            return null;
        }

        var raw = ToRaw(sourceKind ?? Infer(timestamp), timestamp);
        return ToType(_target, raw);
    }

    private DateTimeOffset ToRaw(TimestampKind kind, object value)
    {
        switch (kind)
        {
            case TimestampKind.String:
                if (value is not string text)
                {
                    throw new DataException($"Expected string timestamp to be a String, but found {value.GetType()}");
                }

                if (_format is null || !_format.TryParse(text, out var parsed))
                {
                    throw new DataException($"Could not parse timestamp: value ({text}) does not match pattern ({_format?.Pattern})");
                }

                return parsed;
            case TimestampKind.Unix:
                if (value is not long unix)
                {
                    throw new DataException($"Expected Unix timestamp to be a Long, but found {value.GetType()}");
                }

                return DateTimeOffset.FromUnixTimeMilliseconds(_unixPrecision switch
                {
                    "seconds" => unix * 1000,
                    "microseconds" => unix / 1000,
                    "nanoseconds" => unix / 1_000_000,
                    _ => unix,
                });
            default:
                return value switch
                {
                    DateTimeOffset dto => DateTimeOffset.FromUnixTimeMilliseconds(dto.ToUnixTimeMilliseconds()),
                    DateTime dt => DateTimeOffset.FromUnixTimeMilliseconds(ConnectTimestamp.FromLogical(ConnectTimestamp.Schema, dt)),
                    DateOnly date => new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
                    TimeOnly time => DateTimeOffset.FromUnixTimeMilliseconds(ConnectTime.FromLogical(ConnectTime.Schema, time)),
                    _ => throw new DataException($"Expected {kind} to be a date or time value, but found {value.GetType()}"),
                };
        }
    }

    private object ToType(TimestampKind kind, DateTimeOffset raw)
    {
        var utc = raw.UtcDateTime;
        return kind switch
        {
            TimestampKind.String => _format!.Format(raw),
            TimestampKind.Unix => _unixPrecision switch
            {
                "seconds" => raw.ToUnixTimeMilliseconds() / 1000,
                "microseconds" => raw.ToUnixTimeMilliseconds() * 1000,
                "nanoseconds" => raw.ToUnixTimeMilliseconds() * 1_000_000,
                _ => raw.ToUnixTimeMilliseconds(),
            },
            TimestampKind.Date => DateOnly.FromDateTime(utc),
            TimestampKind.Time => new TimeOnly(utc.TimeOfDay.Ticks / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond),
            _ => raw,
        };
    }

    private static TimestampKind KindOf(Schema schema) => schema.Name switch
    {
        ConnectTimestamp.LogicalName => TimestampKind.Timestamp,
        ConnectDate.LogicalName => TimestampKind.Date,
        ConnectTime.LogicalName => TimestampKind.Time,
        _ when schema.Type == SchemaType.String => TimestampKind.String,
        _ when schema.Type == SchemaType.Int64 => TimestampKind.Unix,
        _ => throw new ConnectException($"Schema {schema} does not correspond to a known timestamp type format"),
    };

    private static TimestampKind Infer(object value) => value switch
    {
        DateTimeOffset or DateTime => TimestampKind.Timestamp,
        DateOnly => TimestampKind.Date,
        TimeOnly => TimestampKind.Time,
        long => TimestampKind.Unix,
        string => TimestampKind.String,
        _ => throw new DataException($"TimestampConverter does not support {value.GetType()} objects as timestamps"),
    };

    private static Schema SchemaFor(TimestampKind kind, bool optional) => kind switch
    {
        TimestampKind.String => optional ? Schema.OptionalString : Schema.String,
        TimestampKind.Unix => optional ? Schema.OptionalInt64 : Schema.Int64,
        TimestampKind.Date => optional ? ConnectDate.Builder().Optional().Build() : ConnectDate.Schema,
        TimestampKind.Time => optional ? ConnectTime.Builder().Optional().Build() : ConnectTime.Schema,
        _ => optional ? ConnectTimestamp.Builder().Optional().Build() : ConnectTimestamp.Schema,
    };

    private enum TimestampKind
    {
        String,
        Unix,
        Date,
        Time,
        Timestamp,
    }
}
