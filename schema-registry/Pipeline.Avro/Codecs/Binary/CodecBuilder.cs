using System.Runtime.CompilerServices;
using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Codecs.Binary;

/// <summary>
/// Builds (and caches per schema instance) the codec tree of a schema. With logical types on,
/// a schema with a valid logical type gets its logical codec; off, every schema gets the codec of
/// its underlying type. A recursive record reuses its own codec.
/// </summary>
internal static class CodecBuilder
{
    private static readonly ConditionalWeakTable<Schema, BinaryCodec> Logical = new();
    private static readonly ConditionalWeakTable<Schema, BinaryCodec> Raw = new();

    public static BinaryCodec For(Schema schema, bool logicalTypes = true)
    {
        var cache = logicalTypes ? Logical : Raw;
        if (cache.TryGetValue(schema, out var codec))
        {
            return codec;
        }

        codec = Build(schema, logicalTypes, new Dictionary<Schema, BinaryCodec>(ReferenceEqualityComparer.Instance));
        return cache.GetValue(schema, _ => codec);
    }

    private static BinaryCodec Build(Schema schema, bool logicalTypes, Dictionary<Schema, BinaryCodec> building)
    {
        if (building.TryGetValue(schema, out var existing))
        {
            return existing;
        }

        if (logicalTypes && schema.LogicalType is { } logical && LogicalCodec(schema, logical) is { } logicalCodec)
        {
            return logicalCodec;
        }

        switch (schema)
        {
            case RecordSchema record:
                var recordCodec = new RecordCodec(record);
                building[schema] = recordCodec;
                recordCodec.Fields = record.Fields.Select(f => Build(f.Schema, logicalTypes, building)).ToArray();
                return recordCodec;
            case EnumSchema enumSchema:
                return new EnumCodec(enumSchema);
            case FixedSchema fixedSchema:
                return new FixedCodec(fixedSchema);
            case ArraySchema array:
                var arrayCodec = new ArrayCodec(array);
                arrayCodec.Items = Build(array.Items, logicalTypes, building);
                return arrayCodec;
            case MapSchema map:
                var mapCodec = new MapCodec(map);
                mapCodec.Values = Build(map.Values, logicalTypes, building);
                return mapCodec;
            case UnionSchema union:
                var unionCodec = new UnionCodec(union);
                unionCodec.Branches = union.Branches.Select(b => Build(b, logicalTypes, building)).ToArray();
                return unionCodec;
        }

        return schema.Type switch
        {
            SchemaType.Null => new NullCodec(schema),
            SchemaType.Boolean => new BooleanCodec(schema),
            SchemaType.Int => new IntCodec(schema),
            SchemaType.Long => new LongCodec(schema),
            SchemaType.Float => new FloatCodec(schema),
            SchemaType.Double => new DoubleCodec(schema),
            SchemaType.Bytes => new BytesCodec(schema),
            SchemaType.String => new StringCodec(schema),
            _ => throw new ArgumentOutOfRangeException(nameof(schema), schema.Type, null),
        };
    }

    private static BinaryCodec? LogicalCodec(Schema schema, LogicalType logical) => logical.Kind switch
    {
        LogicalTypeKind.Decimal => schema is FixedSchema f ? new DecimalFixedCodec(f) : new DecimalBytesCodec(schema),
        LogicalTypeKind.BigDecimal => new BigDecimalCodec(schema),
        LogicalTypeKind.Uuid => schema is FixedSchema f ? new UuidFixedCodec(f) : new UuidStringCodec(schema),
        LogicalTypeKind.Date => new DateCodec(schema),
        LogicalTypeKind.TimeMillis => new TimeCodec(schema, micros: false),
        LogicalTypeKind.TimeMicros => new TimeCodec(schema, micros: true),
        LogicalTypeKind.TimestampMillis => new TimestampCodec(schema, Temporal.Unit.Millis, local: false),
        LogicalTypeKind.TimestampMicros => new TimestampCodec(schema, Temporal.Unit.Micros, local: false),
        LogicalTypeKind.TimestampNanos => new TimestampCodec(schema, Temporal.Unit.Nanos, local: false),
        LogicalTypeKind.LocalTimestampMillis => new TimestampCodec(schema, Temporal.Unit.Millis, local: true),
        LogicalTypeKind.LocalTimestampMicros => new TimestampCodec(schema, Temporal.Unit.Micros, local: true),
        LogicalTypeKind.LocalTimestampNanos => new TimestampCodec(schema, Temporal.Unit.Nanos, local: true),
        LogicalTypeKind.Duration => new DurationCodec((FixedSchema)schema),
        _ => null,
    };
}
