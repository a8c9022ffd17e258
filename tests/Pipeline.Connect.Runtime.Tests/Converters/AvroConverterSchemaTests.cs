using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Runtime.Converters.Avro;

namespace Pipeline.Connect.Runtime.Tests.Converters;

/// <summary>Connect schemas against the Avro schema text Confluent's AvroData registers for them.</summary>
public sealed class AvroConverterSchemaTests
{
    private static string Avro(Schema schema) => ConnectToAvroSchema.Convert(schema).ToJson();

    [Fact]
    public void ConnectToAvro_LogicalTypes_ConfluentsProperties()
    {
        Assert.Equal(
            "{\"type\":\"bytes\",\"scale\":2,\"precision\":64,\"connect.version\":1,\"connect.parameters\":{\"scale\":\"2\"},\"connect.name\":\"org.apache.kafka.connect.data.Decimal\",\"logicalType\":\"decimal\"}",
            Avro(ConnectDecimal.Schema(2)));
        Assert.Equal(
            "{\"type\":\"bytes\",\"scale\":2,\"precision\":10,\"connect.version\":1,\"connect.parameters\":{\"scale\":\"2\",\"connect.decimal.precision\":\"10\"},\"connect.name\":\"org.apache.kafka.connect.data.Decimal\",\"logicalType\":\"decimal\"}",
            Avro(ConnectDecimal.Builder(2).Parameter("connect.decimal.precision", "10").Build()));
        Assert.Equal("{\"type\":\"int\",\"connect.version\":1,\"connect.name\":\"org.apache.kafka.connect.data.Date\",\"logicalType\":\"date\"}", Avro(ConnectDate.Schema));
        Assert.Equal("{\"type\":\"int\",\"connect.version\":1,\"connect.name\":\"org.apache.kafka.connect.data.Time\",\"logicalType\":\"time-millis\"}", Avro(ConnectTime.Schema));
        Assert.Equal("{\"type\":\"long\",\"connect.version\":1,\"connect.name\":\"org.apache.kafka.connect.data.Timestamp\",\"logicalType\":\"timestamp-millis\"}", Avro(ConnectTimestamp.Schema));
    }

    [Fact]
    public void ConnectToAvro_Primitives_ConnectTypeForSmallInts()
    {
        Assert.Equal("{\"type\":\"int\",\"connect.type\":\"int8\"}", Avro(Schema.Int8));
        Assert.Equal("{\"type\":\"int\",\"connect.type\":\"int16\"}", Avro(Schema.Int16));
        Assert.Equal("\"int\"", Avro(Schema.Int32));
        Assert.Equal("[\"null\",\"string\"]", Avro(Schema.OptionalString));
        Assert.Equal("[\"null\",{\"type\":\"int\",\"connect.type\":\"int8\"}]", Avro(Schema.OptionalInt8));
        Assert.Equal("[{\"type\":\"int\",\"connect.default\":5},\"null\"]", Avro(SchemaBuilder.Int32().Optional().DefaultValue(5).Build()));
    }

    [Fact]
    public void ConnectToAvro_Structs_RecordsWithConfluentNames()
    {
        var unnamed = SchemaBuilder.Struct().Field("id", Schema.Int64).Field("note", Schema.OptionalString).Build();
        Assert.Equal(
            "{\"type\":\"record\",\"name\":\"ConnectDefault\",\"namespace\":\"io.confluent.connect.avro\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null}]}",
            Avro(unnamed));

        var named = SchemaBuilder.Struct().Name("com.acme.Order").Version(3).Doc("An order")
            .Field("qty", SchemaBuilder.Int32().DefaultValue(1).Build())
            .Build();
        Assert.Equal(
            "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"com.acme\",\"fields\":[{\"name\":\"qty\",\"type\":{\"type\":\"int\",\"connect.default\":1},\"default\":1}],\"connect.doc\":\"An order\",\"connect.version\":3,\"connect.name\":\"com.acme.Order\"}",
            Avro(named));
    }

    [Fact]
    public void ConnectToAvro_Maps_StringKeysAsMapsOthersAsEntryArrays()
    {
        Assert.Equal("{\"type\":\"map\",\"values\":\"long\"}", Avro(SchemaBuilder.Map(Schema.String, Schema.Int64).Build()));
        Assert.Equal(
            "{\"type\":\"array\",\"items\":{\"type\":\"record\",\"name\":\"MapEntry\",\"namespace\":\"io.confluent.connect.avro\",\"fields\":[{\"name\":\"key\",\"type\":\"int\"},{\"name\":\"value\",\"type\":\"string\"}]}}",
            Avro(SchemaBuilder.Map(Schema.Int32, Schema.String).Build()));
    }

    [Fact]
    public void ConnectToAvro_SameStructTwice_DefinedOnceThenReferenced()
    {
        var point = SchemaBuilder.Struct().Name("geo.Point").Field("x", Schema.Float64).Build();
        var line = SchemaBuilder.Struct().Name("geo.Line").Field("from", point).Field("to", point).Build();
        var json = Avro(line);
        Assert.Contains("{\"name\":\"to\",\"type\":\"Point\"}", json, StringComparison.Ordinal);
        Assert.Equal(json, Pipeline.Avro.Schemas.Schema.Parse(json).ToJson());
    }

    public static TheoryData<Schema> Schemas()
    {
        var inner = SchemaBuilder.Struct().Name("com.acme.Inner").Field("n", Schema.OptionalInt32).Build();
        return new TheoryData<Schema>
        {
            Schema.Int8, Schema.Int16, Schema.Int32, Schema.Int64, Schema.Float32, Schema.Float64, Schema.Boolean, Schema.String, Schema.Bytes,
            Schema.OptionalInt8, Schema.OptionalString, ConnectDecimal.Schema(4), ConnectDate.Schema, ConnectTime.Schema, ConnectTimestamp.Schema,
            SchemaBuilder.Array(Schema.OptionalString).Build(),
            SchemaBuilder.Map(Schema.String, inner).Build(),
            SchemaBuilder.Map(Schema.Int64, Schema.String).Build(),
            SchemaBuilder.String().Name("com.acme.Code").Version(2).Doc("a code").Parameter("p", "v").Build(),
            SchemaBuilder.Int64().Optional().DefaultValue(42L).Build(),
            SchemaBuilder.Struct().Name("com.acme.Outer").Version(1)
                .Field("inner", inner)
                .Field("maybe", SchemaBuilder.Struct().Name("com.acme.Maybe").Optional().Field("s", Schema.String).Build())
                .Field("when", ConnectTimestamp.Builder().Optional().Build())
                .Field("amount", ConnectDecimal.Builder(2).DefaultValue(1.50m).Build())
                .Field("tag", SchemaBuilder.String().DefaultValue("none").Build())
                .Build(),
        };
    }

    [Theory]
    [MemberData(nameof(Schemas))]
    public void RoundTrip_ConnectToAvroToConnect_SameSchema(Schema schema)
    {
        var avro = ConnectToAvroSchema.Convert(schema);
        var reparsed = Pipeline.Avro.Schemas.Schema.Parse(avro.ToJson());
        Assert.Equal(schema, AvroToConnectSchema.Convert(reparsed));
    }

    [Fact]
    public void AvroToConnect_PlainAvroSchema_ConfluentMapping()
    {
        var avro = Pipeline.Avro.Schemas.Schema.Parse("""
            {"type":"record","name":"User","namespace":"test","fields":[
              {"name":"name","type":"string"},
              {"name":"age","type":["null","int"],"default":null},
              {"name":"kind","type":{"type":"enum","name":"Kind","symbols":["A","B"]}},
              {"name":"when","type":{"type":"long","logicalType":"timestamp-millis"}},
              {"name":"either","type":["int","string"]}]}
            """);
        var schema = AvroToConnectSchema.Convert(avro);
        Assert.Equal("test.User", schema.Name);
        Assert.Equal(SchemaType.String, schema.Field("name")!.Schema.Type);
        Assert.Equal(Schema.OptionalInt32, schema.Field("age")!.Schema);
        Assert.Equal("test.Kind", schema.Field("kind")!.Schema.Parameters!["io.confluent.connect.avro.Enum"]);
        Assert.Equal(ConnectTimestamp.LogicalName, schema.Field("when")!.Schema.Name);
        var either = schema.Field("either")!.Schema;
        Assert.Equal("io.confluent.connect.avro.Union", either.Name);
        Assert.Equal(["int", "string"], either.Fields.Select(f => f.Name));
    }
}
