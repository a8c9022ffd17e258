using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Errors;
using Pipeline.Connect.Runtime.Transforms;
using static Pipeline.Connect.Runtime.Tests.Transforms.TransformFixtures;

namespace Pipeline.Connect.Runtime.Tests.Transforms;

public class InsertFieldTests
{
    private static readonly Schema ValueSchema = SchemaBuilder.Struct().Name("v").Version(2).Field("magic", Schema.Int64).Build();

    private static InsertFieldValue AllFields() => Configured<InsertFieldValue>(
        ("topic.field", "topic_field!"),
        ("partition.field", "partition_field"),
        ("offset.field", "offset_field?"),
        ("timestamp.field", "timestamp_field"),
        ("static.field", "instance_id"),
        ("static.value", "my-instance-id"));

    [Fact]
    public void InsertField_SchemafulSinkRecord_AddsEveryField()
    {
        using var insert = AllFields();
        var result = insert.Apply(Sink(ValueSchema, new Struct(ValueSchema).Put("magic", 42L), offset: 7, timestamp: 1000))!;
        var s = Assert.IsType<Struct>(result.Value);
        Assert.Equal("v", s.Schema.Name);
        Assert.Equal(2, s.Schema.Version);
        Assert.Equal(42L, s.Get("magic"));
        Assert.Equal("topic", s.Get("topic_field"));
        Assert.Equal(Schema.String, s.Schema.Field("topic_field")!.Schema);
        Assert.Equal(3, s.Get("partition_field"));
        Assert.Equal(Schema.OptionalInt32, s.Schema.Field("partition_field")!.Schema);
        Assert.Equal(7L, s.Get("offset_field"));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1000), s.Get("timestamp_field"));
        Assert.Equal(ConnectTimestamp.LogicalName, s.Schema.Field("timestamp_field")!.Schema.Name);
        Assert.Equal("my-instance-id", s.Get("instance_id"));
    }

    [Fact]
    public void InsertField_SchemalessSinkRecord_AddsEntries()
    {
        using var insert = AllFields();
        var result = insert.Apply(Sink(null, Map(("magic", 42L)), offset: 7, timestamp: 1000))!;
        var map = AsMap(result.Value);
        Assert.Equal(42L, map["magic"]);
        Assert.Equal("topic", map["topic_field"]);
        Assert.Equal(3, map["partition_field"]);
        Assert.Equal(7L, map["offset_field"]);
        Assert.Equal(1000L, map["timestamp_field"]);
        Assert.Equal("my-instance-id", map["instance_id"]);
    }

    [Fact]
    public void InsertField_OffsetOnSourceRecord_ThrowsRequireSinkRecord()
    {
        using var insert = Configured<InsertFieldValue>(("offset.field", "o"));
        var e = Assert.Throws<DataException>(() => insert.Apply(Value(null, Map(("a", 1)))));
        Assert.StartsWith("Only SinkRecord supported for [field insertion]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InsertField_Key_AddsToKeyOnly()
    {
        using var insert = Configured<InsertFieldKey>(("topic.field", "t"));
        var result = insert.Apply(Key(null, Map(("id", 1))))!;
        Assert.Equal("topic", AsMap(result.Key)["t"]);
        Assert.Null(result.Value);
    }

    [Fact]
    public void InsertField_Tombstone_PassesThrough()
    {
        using var insert = AllFields();
        var record = Sink(ValueSchema, null);
        Assert.Same(record, insert.Apply(record));
    }

    [Fact]
    public void InsertField_NonStructWithSchema_ThrowsRequireStruct()
    {
        using var insert = Configured<InsertFieldValue>(("topic.field", "t"));
        var e = Assert.Throws<DataException>(() => insert.Apply(Value(Schema.Int32, 5)));
        Assert.Equal("Only Struct objects supported for [field insertion], found: System.Int32", e.Message);
    }

    [Fact]
    public void InsertField_RequiredTimestampWithoutTimestamp_ThrowsOnValidation()
    {
        using var insert = Configured<InsertFieldValue>(("timestamp.field", "ts!"));
        var result = insert.Apply(Value(ValueSchema, new Struct(ValueSchema).Put("magic", 1L)))!;
        var s = Assert.IsType<Struct>(result.Value);
        Assert.Throws<DataException>(s.Validate);
    }
}
