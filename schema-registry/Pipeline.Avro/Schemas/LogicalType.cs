using System.Text.Json;

namespace Pipeline.Avro.Schemas;

/// <summary>
/// A valid logical type on a schema. Like Java's <c>LogicalTypes.fromSchemaIgnoreInvalid</c>, an
/// unknown or invalid <c>logicalType</c> attribute yields no LogicalType (the schema is then its
/// plain underlying type) and never fails the parse; the attribute itself stays in
/// <see cref="Schema.Properties"/>.
/// </summary>
public sealed class LogicalType
{
    public const string PropertyName = "logicalType";

    private LogicalType(LogicalTypeKind kind, string name, int precision = 0, int scale = 0)
    {
        Kind = kind;
        Name = name;
        Precision = precision;
        Scale = scale;
    }

    public LogicalTypeKind Kind { get; }

    /// <summary>The attribute value, e.g. <c>timestamp-millis</c>.</summary>
    public string Name { get; }

    /// <summary>Decimal only: total digits (> 0).</summary>
    public int Precision { get; }

    /// <summary>Decimal only: digits after the point (0..Precision).</summary>
    public int Scale { get; }

    public override string ToString() => Kind == LogicalTypeKind.Decimal ? $"decimal({Precision},{Scale})" : Name;

    /// <summary>The properties that declare a logical type, for building schemas in code.</summary>
    public static SchemaProperties Properties(LogicalTypeKind kind, int precision = 0, int scale = 0) => kind == LogicalTypeKind.Decimal
        ? SchemaProperties.Of((PropertyName, "decimal"), ("precision", precision), ("scale", scale))
        : SchemaProperties.Of((PropertyName, NameOf(kind)));

    public static string NameOf(LogicalTypeKind kind) => kind switch
    {
        LogicalTypeKind.Decimal => "decimal",
        LogicalTypeKind.BigDecimal => "big-decimal",
        LogicalTypeKind.Uuid => "uuid",
        LogicalTypeKind.Date => "date",
        LogicalTypeKind.TimeMillis => "time-millis",
        LogicalTypeKind.TimeMicros => "time-micros",
        LogicalTypeKind.TimestampMillis => "timestamp-millis",
        LogicalTypeKind.TimestampMicros => "timestamp-micros",
        LogicalTypeKind.TimestampNanos => "timestamp-nanos",
        LogicalTypeKind.LocalTimestampMillis => "local-timestamp-millis",
        LogicalTypeKind.LocalTimestampMicros => "local-timestamp-micros",
        LogicalTypeKind.LocalTimestampNanos => "local-timestamp-nanos",
        LogicalTypeKind.Duration => "duration",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>
    /// The logical type the schema's attributes declare, or null with the reason it was ignored
    /// (null reason: no <c>logicalType</c> attribute at all).
    /// </summary>
    public static LogicalType? FromSchema(Schema schema, out string? ignoredBecause)
    {
        ignoredBecause = null;
        if (!schema.Properties.TryGetValue(PropertyName, out var attribute))
        {
            return null;
        }

        if (attribute.ValueKind != JsonValueKind.String)
        {
            ignoredBecause = "logicalType is not a string";
            return null;
        }

        var name = attribute.GetString()!;
        var type = schema.Type;
        string? why = null;
        LogicalType? Need(bool ok, LogicalTypeKind kind, string reason)
        {
            if (ok)
            {
                return new LogicalType(kind, name);
            }

            why = reason;
            return null;
        }

        var result = ByName(name, type, schema, Need, out ignoredBecause);
        ignoredBecause ??= why;
        return result;
    }

    private static LogicalType? ByName(string name, SchemaType type, Schema schema, Func<bool, LogicalTypeKind, string, LogicalType?> need, out string? ignoredBecause)
    {
        ignoredBecause = null;
        switch (name)
        {
            case "decimal":
                return Decimal(schema, out ignoredBecause);
            case "big-decimal":
                return need(type == SchemaType.Bytes, LogicalTypeKind.BigDecimal, "big-decimal can only be used with an underlying bytes type");
            case "uuid":
                if (type == SchemaType.Fixed && ((FixedSchema)schema).Size != 16)
                {
                    return Ignore("uuid with fixed type must have a size of 16 bytes", out ignoredBecause);
                }

                return need(type is SchemaType.String or SchemaType.Fixed, LogicalTypeKind.Uuid, "uuid can only be used with an underlying string or fixed type");
            case "date":
                return need(type == SchemaType.Int, LogicalTypeKind.Date, "date can only be used with an underlying int type");
            case "time-millis":
                return need(type == SchemaType.Int, LogicalTypeKind.TimeMillis, "time-millis can only be used with an underlying int type");
            case "time-micros":
                return need(type == SchemaType.Long, LogicalTypeKind.TimeMicros, "time-micros can only be used with an underlying long type");
            case "timestamp-millis":
                return need(type == SchemaType.Long, LogicalTypeKind.TimestampMillis, "timestamp-millis can only be used with an underlying long type");
            case "timestamp-micros":
                return need(type == SchemaType.Long, LogicalTypeKind.TimestampMicros, "timestamp-micros can only be used with an underlying long type");
            case "timestamp-nanos":
                return need(type == SchemaType.Long, LogicalTypeKind.TimestampNanos, "timestamp-nanos can only be used with an underlying long type");
            case "local-timestamp-millis":
                return need(type == SchemaType.Long, LogicalTypeKind.LocalTimestampMillis, "local-timestamp-millis can only be used with an underlying long type");
            case "local-timestamp-micros":
                return need(type == SchemaType.Long, LogicalTypeKind.LocalTimestampMicros, "local-timestamp-micros can only be used with an underlying long type");
            case "local-timestamp-nanos":
                return need(type == SchemaType.Long, LogicalTypeKind.LocalTimestampNanos, "local-timestamp-nanos can only be used with an underlying long type");
            case "duration":
                return need(type == SchemaType.Fixed && ((FixedSchema)schema).Size == 12, LogicalTypeKind.Duration, "duration can only be used with an underlying fixed type of size 12");
            default:
                return Ignore($"unknown logical type \"{name}\"", out ignoredBecause);
        }
    }

    private static LogicalType? Decimal(Schema schema, out string? ignoredBecause)
    {
        if (schema.Type is not (SchemaType.Bytes or SchemaType.Fixed))
        {
            return Ignore("decimal must be backed by fixed or bytes", out ignoredBecause);
        }

        if (!schema.Properties.TryGetValue("precision", out var precisionNode))
        {
            return Ignore("decimal is missing precision", out ignoredBecause);
        }

        if (!TryGetInt(precisionNode, out var precision))
        {
            return Ignore("decimal precision is not an int", out ignoredBecause);
        }

        var scale = 0;
        if (schema.Properties.TryGetValue("scale", out var scaleNode) && !TryGetInt(scaleNode, out scale))
        {
            return Ignore("decimal scale is not an int", out ignoredBecause);
        }

        if (precision <= 0)
        {
            return Ignore($"decimal precision {precision} is not positive", out ignoredBecause);
        }

        if (schema is FixedSchema fixedSchema && precision > MaxDecimalPrecision(fixedSchema.Size))
        {
            return Ignore($"fixed({fixedSchema.Size}) cannot store {precision} digits (max {MaxDecimalPrecision(fixedSchema.Size)})", out ignoredBecause);
        }

        if (scale < 0)
        {
            return Ignore($"decimal scale {scale} is negative", out ignoredBecause);
        }

        if (scale > precision)
        {
            return Ignore($"decimal scale {scale} is greater than precision {precision}", out ignoredBecause);
        }

        ignoredBecause = null;
        return new LogicalType(LogicalTypeKind.Decimal, "decimal", precision, scale);
    }

    /// <summary>floor(log10(2^(8n-1) - 1)): the digits a two's-complement fixed(n) always holds.</summary>
    public static int MaxDecimalPrecision(int fixedSize) => (int)Math.Round(Math.Floor(Math.Log10(2) * ((8.0 * fixedSize) - 1)));

    private static bool TryGetInt(JsonElement node, out int value)
    {
        // Java accepts only an IntNode: an integral JSON number (no fraction, no exponent) in int range.
        value = 0;
        return node.ValueKind == JsonValueKind.Number && JsonNumbers.IsIntegral(node) && node.TryGetInt32(out value);
    }

    private static LogicalType? Ignore(string why, out string? ignoredBecause)
    {
        ignoredBecause = why;
        return null;
    }
}
