using Pipeline.Avro.Codecs;
using Pipeline.Avro.Schemas;
using Pipeline.Client.Serialization;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Runtime.Converters;
using Pipeline.Connect.Runtime.Tests.Fixtures;
using Pipeline.SchemaRegistry.Serdes;
using ConnectSchema = Pipeline.Connect.Api.Data.Schema;

namespace Pipeline.Connect.Runtime.Tests.Converters;

/// <summary>AvroConverter against a real registry in-process (on the shared test broker).</summary>
[Trait("Category", "Integration")]
public sealed class AvroConverterRegistryTests(ConverterRegistry registry) : IClassFixture<ConverterRegistry>
{
    private AvroConverter Converter(params (string Key, string Value)[] settings)
    {
        var converter = new AvroConverter();
        var configs = settings.ToDictionary(s => s.Key, s => s.Value);
        configs["schema.registry.url"] = registry.Url;
        converter.Configure(configs, isKey: false);
        return converter;
    }

    [Fact]
    public async Task RoundTrip_StructThroughRegistry_SameValueAndConfluentSchemaRegistered()
    {
        var topic = "orders-" + Guid.NewGuid().ToString("N")[..8];
        var schema = SchemaBuilder.Struct().Name("com.acme.Order")
            .Field("id", ConnectSchema.Int64)
            .Field("note", ConnectSchema.OptionalString)
            .Field("amount", ConnectDecimal.Schema(2))
            .Field("tags", SchemaBuilder.Array(ConnectSchema.String).Build())
            .Build();
        var value = new Struct(schema).Put("id", 1L).Put("amount", 9.99m).Put("tags", new List<object?> { "a" });

        using var writer = Converter();
        var bytes = writer.FromConnectData(topic, null, schema, value);
        using var reader = Converter();
        var back = reader.ToConnectData(topic, null, bytes);
        Assert.Equal(schema, back.Schema);
        Assert.Equal(value, back.Value);

        using var client = new SchemaRegistryClient(registry.Url);
        var latest = await client.GetSchemaAsync(topic + "-value", -1);
        Assert.Equal(Pipeline.Connect.Runtime.Converters.Avro.ConnectToAvroSchema.Convert(schema).ToJson(), latest.Schema);
        Assert.Contains("\"connect.name\":\"com.acme.Order\"", latest.Schema, StringComparison.Ordinal);
    }

    [Fact]
    public void Interop_SerializerAndConverter_ReadEachOther()
    {
        var topic = "users-" + Guid.NewGuid().ToString("N")[..8];
        using var client = new SchemaRegistryClient(registry.Url);
        var avro = (RecordSchema)Pipeline.Avro.Schemas.Schema.Parse("{\"type\":\"record\",\"name\":\"User\",\"namespace\":\"test\",\"fields\":[{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"n\",\"type\":\"long\"}]}");
        var fromSerializer = new AvroSerializer<GenericRecord>(client).Serialize(new GenericRecord(avro).Set("name", "ann").Set("n", 3L), new SerializationContext(MessageComponentType.Value, topic));
        using var converter = Converter();
        var read = Assert.IsType<Struct>(converter.ToConnectData(topic, null, fromSerializer).Value);
        Assert.Equal("ann", read.GetString("name"));
        Assert.Equal(3L, read.GetInt64("n"));

        var fromConverter = converter.FromConnectData(topic, null, read.Schema, read);
        var record = new AvroDeserializer<GenericRecord>(client).Deserialize(fromConverter, isNull: false, new SerializationContext(MessageComponentType.Value, topic));
        Assert.Equal("ann", record["name"]);
        Assert.Equal(3L, record["n"]);
    }

    [Fact]
    public void UseLatestVersion_WritesWithTheSubjectsSchema()
    {
        var topic = "latest-" + Guid.NewGuid().ToString("N")[..8];
        var v1 = SchemaBuilder.Struct().Name("test.Item").Field("name", ConnectSchema.String).Build();
        var v2 = SchemaBuilder.Struct().Name("test.Item").Field("name", ConnectSchema.String).Field("qty", SchemaBuilder.Int32().DefaultValue(1).Build()).Build();
        using var registering = Converter();
        registering.FromConnectData(topic, null, v2, new Struct(v2).Put("name", "x").Put("qty", 5));

        using var latest = Converter(("use.latest.version", "true"), ("auto.register.schemas", "false"));
        var bytes = latest.FromConnectData(topic, null, v1, new Struct(v1).Put("name", "y"));
        var back = Assert.IsType<Struct>(Converter().ToConnectData(topic, null, bytes).Value);
        Assert.Equal(v2, back.Schema);
        Assert.Equal("y", back.GetString("name"));
        Assert.Equal(1, back.GetInt32("qty"));
    }
}
