using Pipeline.Avro.Codecs;
using Pipeline.Avro.Schemas;
using Pipeline.Client;
using Pipeline.Client.Consumer;
using Pipeline.Client.Producer;
using Pipeline.Client.Serialization;
using Pipeline.SchemaRegistry.Serdes;
using Pipeline.SchemaRegistry.Tests.Fixtures;
using Pipeline.Testing.Brokers;

namespace Pipeline.SchemaRegistry.Tests.Serdes;

[Trait("Category", "Integration")]
public sealed class SerdesTests(SharedRegistry shared) : IClassFixture<SharedRegistry>
{
    private static readonly RecordSchema Order = (RecordSchema)Schema.Parse("{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"com.acme\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"item\",\"type\":\"string\"}]}");

    private RegistryHandle R => shared.Registry;

    [Theory]
    [InlineData(SubjectNameStrategy.Topic, "{topic}-value")]
    [InlineData(SubjectNameStrategy.Record, "com.acme.Order")]
    [InlineData(SubjectNameStrategy.TopicRecord, "{topic}-com.acme.Order")]
    public async Task RoundTrip_EachSubjectStrategy_RegistersUnderItsSubject(SubjectNameStrategy strategy, string expectedSubject)
    {
        using var client = new SchemaRegistryClient(R.Url);
        var topic = "t" + Guid.NewGuid().ToString("N")[..8];
        var serializer = new AvroSerializer<GenericRecord>(client, AvroSerdeConfig.Default with { SubjectNameStrategy = strategy });
        var record = new GenericRecord(Order).Set("id", 7L).Set("item", "book");
        var context = new SerializationContext(MessageComponentType.Value, topic);

        var bytes = serializer.Serialize(record, context)!;
        var subject = expectedSubject.Replace("{topic}", topic, StringComparison.Ordinal);
        var id = (await R.GetAsync($"/subjects/{subject}/versions/latest")).AssertOk().Json.GetProperty("id").GetInt32();
        Assert.Equal(0, bytes[0]);
        Assert.Equal(id, WireFormat.ReadSchemaId(bytes));

        var back = new AvroDeserializer<GenericRecord>(client).Deserialize(bytes, isNull: false, context);
        Assert.Equal(record, back);
    }

    [Fact]
    public async Task Serialize_BytesAreConfluentsWireFormat()
    {
        using var client = new SchemaRegistryClient(R.Url);
        var topic = "w" + Guid.NewGuid().ToString("N")[..8];
        var schema = (RecordSchema)Schema.Parse("{\"type\":\"record\",\"name\":\"F\",\"fields\":[{\"name\":\"f\",\"type\":\"int\"}]}");
        var bytes = new AvroSerializer<GenericRecord>(client).Serialize(new GenericRecord(schema).Set("f", 1), new SerializationContext(MessageComponentType.Value, topic))!;
        var id = (await R.GetAsync($"/subjects/{topic}-value/versions/1")).Json.GetProperty("id").GetInt32();
        Assert.Equal(new byte[] { 0, (byte)(id >> 24), (byte)(id >> 16), (byte)(id >> 8), (byte)id, 0x02 }, bytes);
    }

    [Fact]
    public async Task Primitives_AndKeys_UseTheKeySubject()
    {
        using var client = new SchemaRegistryClient(R.Url);
        var topic = "p" + Guid.NewGuid().ToString("N")[..8];
        var key = new AvroSerializer<string>(client).Serialize("k-1", new SerializationContext(MessageComponentType.Key, topic))!;
        Assert.Equal("\"string\"", (await R.GetAsync($"/subjects/{topic}-key/versions/1/schema")).AssertOk().Body);
        Assert.Equal("k-1", new AvroDeserializer<string>(client).Deserialize(key, false, new SerializationContext(MessageComponentType.Key, topic)));
        Assert.Null(new AvroSerializer<string?>(client).Serialize(null, new SerializationContext(MessageComponentType.Value, topic)));
    }

    [Fact]
    public async Task AutoRegisterOff_LooksUp_AndFailsForAnUnknownSchema()
    {
        using var client = new SchemaRegistryClient(R.Url);
        var topic = "l" + Guid.NewGuid().ToString("N")[..8];
        var serializer = new AvroSerializer<GenericRecord>(client, AvroSerdeConfig.FromProperties(new Dictionary<string, string> { ["auto.register.schemas"] = "false" }, isKey: false));
        var record = new GenericRecord(Order).Set("id", 1L).Set("item", "x");
        var context = new SerializationContext(MessageComponentType.Value, topic);
        var e = Assert.Throws<SchemaRegistryClientException>(() => serializer.Serialize(record, context));
        Assert.Equal(40401, e.ErrorCode);

        var id = await R.RegisterAsync($"{topic}-value", Order.ToJson());
        Assert.Equal(id, WireFormat.ReadSchemaId(serializer.Serialize(record, context)));
    }

    [Fact]
    public async Task UseLatestVersion_WritesWithTheSubjectsLatestSchema()
    {
        using var client = new SchemaRegistryClient(R.Url);
        var topic = "v" + Guid.NewGuid().ToString("N")[..8];
        await R.RegisterAsync($"{topic}-value", Order.ToJson());
        var v2 = "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"com.acme\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"item\",\"type\":\"string\"},{\"name\":\"qty\",\"type\":\"int\",\"default\":1}]}";
        var latestId = await R.RegisterAsync($"{topic}-value", v2);
        var config = AvroSerdeConfig.FromProperties(new Dictionary<string, string> { ["use.latest.version"] = "true", ["auto.register.schemas"] = "false" }, isKey: false);
        var context = new SerializationContext(MessageComponentType.Value, topic);

        var bytes = new AvroSerializer<GenericRecord>(client, config).Serialize(new GenericRecord(Order).Set("id", 3L).Set("item", "pen"), context)!;
        Assert.Equal(latestId, WireFormat.ReadSchemaId(bytes));
        var back = new AvroDeserializer<GenericRecord>(client).Deserialize(bytes, false, context);
        Assert.Equal("pen", back["item"]);
        Assert.Equal(1, back["qty"]);
    }

    [Fact]
    public async Task ReaderSchema_ResolvesOlderData()
    {
        using var client = new SchemaRegistryClient(R.Url);
        var topic = "r" + Guid.NewGuid().ToString("N")[..8];
        var context = new SerializationContext(MessageComponentType.Value, topic);
        var bytes = new AvroSerializer<GenericRecord>(client).Serialize(new GenericRecord(Order).Set("id", 5L).Set("item", "cup"), context)!;
        var reader = Schema.Parse("{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"com.acme\",\"fields\":[{\"name\":\"item\",\"type\":\"string\"},{\"name\":\"qty\",\"type\":\"int\",\"default\":1}]}");
        var back = new AvroDeserializer<GenericRecord>(client, reader).Deserialize(bytes, false, context);
        Assert.Equal("cup", back["item"]);
        Assert.Equal(1, back["qty"]);
        await Task.CompletedTask;
    }

    [Fact]
    public void Deserialize_NotTheWireFormat_SaysSo()
    {
        using var client = new SchemaRegistryClient(R.Url);
        var e = Assert.Throws<InvalidDataException>(() => new AvroDeserializer<GenericRecord>(client).Deserialize(new byte[] { 1, 0, 0, 0, 1, 2 }, false, default));
        Assert.Contains("magic byte", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProducerAndConsumer_WithTheSerdes_ThroughTheBroker()
    {
        using var client = new SchemaRegistryClient(R.Url);
        var bootstrap = await HostedBroker.SharedBootstrapServersAsync();
        var topic = "pc" + Guid.NewGuid().ToString("N")[..8];
        using (var producer = new ProducerBuilder<string, GenericRecord>(new Dictionary<string, string> { ["bootstrap.servers"] = bootstrap })
            .SetKeySerializer(new AvroSerializer<string>(client))
            .SetValueSerializer(new AvroSerializer<GenericRecord>(client))
            .Build())
        {
            for (var i = 0; i < 3; i++)
            {
                await producer.ProduceAsync(topic, new Message<string, GenericRecord> { Key = $"k{i}", Value = new GenericRecord(Order).Set("id", (long)i).Set("item", $"item{i}") });
            }
        }

        using var consumer = new ConsumerBuilder<string, GenericRecord>(new Dictionary<string, string> { ["bootstrap.servers"] = bootstrap })
            .SetKeyDeserializer(new AvroDeserializer<string>(client))
            .SetValueDeserializer(new AvroDeserializer<GenericRecord>(client))
            .Build();
        consumer.Assign([new TopicPartitionOffset(topic, 0, Offset.Beginning)]);
        var seen = new List<(string, long)>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (seen.Count < 3 && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(500)) is { Message: { } m })
            {
                seen.Add((m.Key, (long)m.Value["id"]!));
            }
        }

        Assert.Equal(new[] { ("k0", 0L), ("k1", 1L), ("k2", 2L) }, seen);
    }
}
