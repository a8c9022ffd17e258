using System.Numerics;
using Pipeline.Avro.Codecs;
using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Tests;

/// <summary>A schema using every type and logical type, and a datum for it (raw and logical forms).</summary>
public static class TestData
{
    public const string EverythingJson = """
        {"type":"record","name":"Everything","namespace":"pipeline.interop","doc":"every Avro type and logical type",
         "fields":[
          {"name":"nullField","type":"null"},
          {"name":"boolField","type":"boolean"},
          {"name":"intField","type":"int"},
          {"name":"longField","type":"long"},
          {"name":"floatField","type":"float"},
          {"name":"doubleField","type":"double"},
          {"name":"bytesField","type":"bytes"},
          {"name":"stringField","type":"string"},
          {"name":"enumField","type":{"type":"enum","name":"Suit","symbols":["SPADES","HEARTS","DIAMONDS","CLUBS"]}},
          {"name":"fixedField","type":{"type":"fixed","name":"MD5","size":16}},
          {"name":"arrayField","type":{"type":"array","items":"long"}},
          {"name":"mapField","type":{"type":"map","values":"int"}},
          {"name":"recordField","type":{"type":"record","name":"Node","fields":[
              {"name":"label","type":"string"},
              {"name":"children","type":{"type":"array","items":"Node"}}]}},
          {"name":"unionField","type":["null","string","Node"]},
          {"name":"optionalArray","type":["null",{"type":"array","items":"double"}],"default":null},
          {"name":"decimalBytes","type":{"type":"bytes","logicalType":"decimal","precision":10,"scale":2}},
          {"name":"decimalFixed","type":{"type":"fixed","name":"Dec8","size":8,"logicalType":"decimal","precision":18,"scale":4}},
          {"name":"uuidString","type":{"type":"string","logicalType":"uuid"}},
          {"name":"uuidFixed","type":{"type":"fixed","name":"Uuid16","size":16,"logicalType":"uuid"}},
          {"name":"dateField","type":{"type":"int","logicalType":"date"}},
          {"name":"timeMillis","type":{"type":"int","logicalType":"time-millis"}},
          {"name":"timeMicros","type":{"type":"long","logicalType":"time-micros"}},
          {"name":"timestampMillis","type":{"type":"long","logicalType":"timestamp-millis"}},
          {"name":"timestampMicros","type":{"type":"long","logicalType":"timestamp-micros"}},
          {"name":"timestampNanos","type":{"type":"long","logicalType":"timestamp-nanos"}},
          {"name":"localTimestampMillis","type":{"type":"long","logicalType":"local-timestamp-millis"}},
          {"name":"localTimestampMicros","type":{"type":"long","logicalType":"local-timestamp-micros"}},
          {"name":"localTimestampNanos","type":{"type":"long","logicalType":"local-timestamp-nanos"}},
          {"name":"durationField","type":{"type":"fixed","name":"Dur12","size":12,"logicalType":"duration"}}
         ]}
        """;

    public static Schema Everything { get; } = Schema.Parse(EverythingJson);

    public static readonly Guid SampleGuid = Guid.Parse("123e4567-e89b-12d3-a456-426614174000");

    /// <summary>A datum with logical values as .NET types. Longs stay below 2^53 so JavaScript reads them exactly.</summary>
    public static GenericRecord LogicalDatum(int variant = 0)
    {
        var schema = (RecordSchema)Everything;
        var node = (RecordSchema)schema.GetField("recordField")!.Schema;
        var leaf = new GenericRecord(node).Set("label", "leaf").Set("children", new List<object?>());
        var root = new GenericRecord(node).Set("label", "root é").Set("children", new List<object?> { leaf });
        var md5 = Enumerable.Range(variant, 16).Select(i => (byte)(i * 7)).ToArray();
        return new GenericRecord(schema)
            .Set("nullField", null)
            .Set("boolField", variant % 2 == 0)
            .Set("intField", -123456 + variant)
            .Set("longField", 4_503_599_627_370_496L + variant)
            .Set("floatField", 1.5f)
            .Set("doubleField", -2.25)
            .Set("bytesField", new byte[] { 0, 1, 0x7f, 0x80, 0xff, (byte)variant })
            .Set("stringField", "héllo ✓ " + variant)
            .Set("enumField", new GenericEnum((EnumSchema)schema.GetField("enumField")!.Schema, "DIAMONDS"))
            .Set("fixedField", new GenericFixed((FixedSchema)schema.GetField("fixedField")!.Schema, md5))
            .Set("arrayField", new List<object?> { 1L, -2L, 3_000_000_000L })
            .Set("mapField", new Dictionary<string, object?> { ["a"] = 1, ["b"] = -2 })
            .Set("recordField", root)
            .Set("unionField", variant % 3 == 0 ? leaf : variant % 3 == 1 ? "text" : null)
            .Set("optionalArray", new List<object?> { 0.5, -1.0 })
            .Set("decimalBytes", new AvroDecimal(new BigInteger(-1234567), 2))
            .Set("decimalFixed", new AvroDecimal(BigInteger.Parse("123456789012345678"), 4))
            .Set("uuidString", SampleGuid)
            .Set("uuidFixed", SampleGuid)
            .Set("dateField", new DateOnly(2000, 1, 1))
            .Set("timeMillis", new TimeOnly(12, 34, 56, 789))
            .Set("timeMicros", new TimeOnly(23, 59, 59).Add(TimeSpan.FromTicks(1234560)))
            .Set("timestampMillis", new DateTimeOffset(2000, 1, 1, 12, 0, 0, TimeSpan.FromHours(2)))
            .Set("timestampMicros", new DateTimeOffset(2024, 2, 29, 1, 2, 3, TimeSpan.Zero).AddTicks(4560))
            .Set("timestampNanos", DateTimeOffset.UnixEpoch.AddTicks(80_000_000_000_001L))
            .Set("localTimestampMillis", new DateTime(2000, 1, 1, 12, 0, 0))
            .Set("localTimestampMicros", new DateTime(1969, 12, 31, 23, 59, 59).AddTicks(10))
            .Set("localTimestampNanos", new DateTime(1970, 3, 1, 0, 0, 0).AddTicks(7))
            .Set("durationField", new AvroDuration(1, 2, 3));
    }
}
