using Pipeline.Avro.Codecs;
using Pipeline.Avro.Schemas;
using Pipeline.Client.Serialization;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Errors;
using Pipeline.Connect.Runtime.Converters;
using Pipeline.Connect.Runtime.Tests.Fixtures;
using Pipeline.SchemaRegistry.Serdes;
using ConnectSchema = Pipeline.Connect.Api.Data.Schema;

namespace Pipeline.Connect.Runtime.Tests.Converters;

/// <summary>AvroConverter round trips over an in-memory registry client (fast), every type and logical type.</summary>
public sealed class AvroConverterTests
{
    private static AvroConverter Converter(ConverterInMemoryRegistryClient client, bool isKey = false, params (string Key, string Value)[] settings)
    {
        var converter = new AvroConverter(client);
        converter.Configure(settings.ToDictionary(s => s.Key, s => s.Value), isKey);
        return converter;
    }

    [Theory]
    [MemberData(nameof(JsonConverterDeserializationTests.EveryType), MemberType = typeof(JsonConverterDeserializationTests))]
    public void RoundTrip_EveryType_SameSchemaAndValue(ConnectSchema schema, object? value)
    {
        var converter = Converter(new ConverterInMemoryRegistryClient());
        var bytes = converter.FromConnectData("t", null, schema, value);
        if (value is null)
        {
            Assert.Null(bytes);
            return;
        }

        Assert.Equal(0, bytes![0]);
        var back = converter.ToConnectData("t", null, bytes);
        Assert.Equal(schema, back.Schema);
        Assert.True(JsonConverterDeserializationTests.Same(value, back.Value), $"{value} != {back.Value}");
    }

    [Fact]
    public void FromConnectData_TopicNameStrategy_KeyAndValueSubjects()
    {
        var client = new ConverterInMemoryRegistryClient();
        Converter(client, isKey: true).FromConnectData("orders", null, ConnectSchema.String, "k");
        Converter(client).FromConnectData("orders", null, ConnectSchema.Int64, 1L);
        Assert.Equal(["orders-key", "orders-value"], client.Subjects.Keys.Order());
    }

    [Fact]
    public void FromConnectData_RecordStrategies_SubjectsFromStructName()
    {
        var schema = SchemaBuilder.Struct().Name("com.acme.Order").Field("id", ConnectSchema.Int32).Build();
        var client = new ConverterInMemoryRegistryClient();
        Converter(client, settings: ("value.subject.name.strategy", "io.confluent.kafka.serializers.subject.RecordNameStrategy"))
            .FromConnectData("orders", null, schema, new Struct(schema).Put("id", 1));
        Converter(client, settings: ("value.subject.name.strategy", "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy"))
            .FromConnectData("orders", null, schema, new Struct(schema).Put("id", 1));
        Assert.Equal(["com.acme.Order", "orders-com.acme.Order"], client.Subjects.Keys.Order());
    }

    [Fact]
    public void FromConnectData_AutoRegisterOff_UnknownSchemaIsDataException()
    {
        var converter = Converter(new ConverterInMemoryRegistryClient(), settings: ("auto.register.schemas", "false"));
        Assert.Throws<DataException>(() => converter.FromConnectData("t", null, ConnectSchema.String, "x"));
    }

    [Fact]
    public void FromConnectData_Schemaless_DataException() =>
        Assert.Throws<DataException>(() => Converter(new ConverterInMemoryRegistryClient()).FromConnectData("t", null, null, "x"));

    [Fact]
    public void ToConnectData_NotConfluentFraming_DataException()
    {
        var converter = Converter(new ConverterInMemoryRegistryClient());
        Assert.Throws<DataException>(() => converter.ToConnectData("t", null, [1, 2, 3, 4, 5, 6]));
        Assert.Throws<DataException>(() => converter.ToConnectData("t", null, [0, 0, 0, 0, 9, 2]));
        Assert.Equal(SchemaAndValue.Null, converter.ToConnectData("t", null, null));
    }

    [Fact]
    public void Interop_AvroSerializerRecord_ReadByConverter()
    {
        var client = new ConverterInMemoryRegistryClient();
        var avro = (RecordSchema)Pipeline.Avro.Schemas.Schema.Parse("""
            {"type":"record","name":"User","namespace":"test","fields":[
              {"name":"name","type":"string"},{"name":"age","type":["null","int"],"default":null},
              {"name":"day","type":{"type":"int","logicalType":"date"}},
              {"name":"price","type":{"type":"bytes","logicalType":"decimal","precision":9,"scale":2}}]}
            """);
        var record = new GenericRecord(avro).Set("name", "ann").Set("age", 7).Set("day", new DateOnly(2024, 1, 15)).Set("price", 12.34m);
        var bytes = new AvroSerializer<GenericRecord>(client).Serialize(record, new SerializationContext(MessageComponentType.Value, "users"));

        var result = Converter(client).ToConnectData("users", null, bytes);
        var value = Assert.IsType<Struct>(result.Value);
        Assert.Equal("test.User", result.Schema!.Name);
        Assert.Equal("ann", value.GetString("name"));
        Assert.Equal(7, value.GetInt32("age"));
        Assert.Equal(new DateOnly(2024, 1, 15), value.Get("day"));
        Assert.Equal(12.34m, value.Get("price"));
    }

    [Fact]
    public void Interop_ConverterRecord_ReadByAvroDeserializer()
    {
        var client = new ConverterInMemoryRegistryClient();
        var schema = SchemaBuilder.Struct().Name("test.Reading").Field("sensor", ConnectSchema.String).Field("value", ConnectSchema.OptionalFloat64).Field("at", ConnectTimestamp.Schema).Build();
        var at = new DateTimeOffset(2024, 1, 15, 10, 30, 0, 123, TimeSpan.Zero);
        var bytes = Converter(client).FromConnectData("readings", null, schema, new Struct(schema).Put("sensor", "s1").Put("value", 2.5).Put("at", at));

        var record = new AvroDeserializer<GenericRecord>(client).Deserialize(bytes, isNull: false, new SerializationContext(MessageComponentType.Value, "readings"));
        Assert.Equal("test.Reading", record.Schema.FullName);
        Assert.Equal("s1", record["sensor"]);
        Assert.Equal(2.5, record["value"]);
        Assert.Equal(at, record["at"]);
    }
}
