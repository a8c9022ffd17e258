using System.Text;
using Pipeline.Client;
using Pipeline.Client.Consumer;
using Pipeline.SchemaRegistry.Tests.Fixtures;

namespace Pipeline.SchemaRegistry.Tests.Store;

/// <summary>The state lives in the store topic: a restarted registry rebuilds it from there, in Confluent's record formats.</summary>
[Trait("Category", "Integration")]
public sealed class StoreTests
{
    [Fact]
    public async Task Restart_RebuildsEverythingFromTheTopic_AndNeverReusesIds()
    {
        await using var r = await RegistryHandle.StartAsync();
        var idV1 = await r.RegisterAsync("users", TestSchemas.UserV1);
        await r.RegisterAsync("users", TestSchemas.UserV2);
        (await r.PutAsync("/config/users", "{\"compatibility\":\"FULL\"}")).AssertOk();
        (await r.PutAsync("/mode/frozen", "{\"mode\":\"READONLY\"}")).AssertOk();
        (await r.PutAsync("/config", "{\"compatibility\":\"NONE\"}")).AssertOk();
        var gone = await r.RegisterAsync("gone", TestSchemas.Record("Gone"));
        (await r.DeleteAsync("/subjects/gone")).AssertOk();
        (await r.DeleteAsync("/subjects/gone?permanent=true")).AssertOk();
        await r.RegisterAsync("soft", TestSchemas.Record("Soft"));
        (await r.DeleteAsync("/subjects/soft")).AssertOk();

        await r.RestartAsync();

        Assert.Equal("[\"users\"]", (await r.GetAsync("/subjects")).AssertOk().Body);
        Assert.Equal("[\"soft\",\"users\"]", (await r.GetAsync("/subjects?deleted=true")).AssertOk().Body);
        Assert.Equal(TestSchemas.UserV1, (await r.GetAsync($"/schemas/ids/{idV1}/schema")).AssertOk().Body);
        Assert.Equal(2, (await r.GetAsync("/subjects/users/versions/latest")).Json.GetProperty("version").GetInt32());
        Assert.Equal("{\"compatibilityLevel\":\"FULL\"}", (await r.GetAsync("/config/users")).Body);
        Assert.Equal("{\"compatibilityLevel\":\"NONE\"}", (await r.GetAsync("/config")).Body);
        Assert.Equal("{\"mode\":\"READONLY\"}", (await r.GetAsync("/mode/frozen")).Body);
        (await r.GetAsync($"/schemas/ids/{gone}")).AssertError(404, 40403);

        var next = await r.RegisterAsync("fresh", TestSchemas.Record("Fresh"));
        Assert.True(next > gone, $"new id {next} must be above the permanently deleted {gone}");
    }

    [Fact]
    public async Task ExistingTopic_WithTheWrongCleanupPolicy_StopsTheStart()
    {
        var options = await RegistryHandle.NewOptionsAsync();
        await using (var admin = new Pipeline.Client.Admin.AdminClient(Pipeline.Client.Config.AdminClientOptions.Default with { BootstrapServers = options.BootstrapServers }))
        {
            await admin.CreateTopicsAsync([new Pipeline.Client.Admin.TopicSpecification { Name = options.Topic, NumPartitions = 1, ReplicationFactor = 1 }]);
        }

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => SchemaRegistryServer.StartAsync(options));
        Assert.Contains("Expected cleanup.policy to be 'compact'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Records_AreConfluentsKeyAndValueJson()
    {
        await using var r = await RegistryHandle.StartAsync();
        var id = await r.RegisterAsync("orders-value", TestSchemas.UserV1);
        (await r.PutAsync("/config/orders-value", "{\"compatibility\":\"FULL\"}")).AssertOk();
        (await r.PutAsync("/mode/orders-value", "{\"mode\":\"READWRITE\"}")).AssertOk();
        (await r.DeleteAsync("/subjects/orders-value")).AssertOk();

        var records = await ReadTopicAsync(r.Options.BootstrapServers, r.Options.Topic);
        string Value(string key) => records.Single(x => x.Key == key).Value ?? "null";

        var schemaKey = "{\"keytype\":\"SCHEMA\",\"subject\":\"orders-value\",\"version\":1,\"magic\":1}";
        Assert.Equal($"{{\"subject\":\"orders-value\",\"version\":1,\"id\":{id},\"schemaType\":\"AVRO\",\"schema\":{System.Text.Json.JsonSerializer.Serialize(TestSchemas.UserV1, new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })},\"deleted\":false}}", Value(schemaKey));
        Assert.Equal("{\"subject\":\"orders-value\",\"compatibilityLevel\":\"FULL\"}", Value("{\"keytype\":\"CONFIG\",\"subject\":\"orders-value\",\"magic\":0}"));
        Assert.Equal("{\"subject\":\"orders-value\",\"mode\":\"READWRITE\"}", Value("{\"keytype\":\"MODE\",\"subject\":\"orders-value\",\"magic\":0}"));
        Assert.Equal("{\"subject\":\"orders-value\",\"version\":1}", Value("{\"keytype\":\"DELETE_SUBJECT\",\"subject\":\"orders-value\",\"magic\":0}"));
        Assert.Contains(records, x => x.Key == "{\"keytype\":\"NOOP\",\"magic\":0}" && x.Value is null);
    }

    [Fact]
    public async Task Registry_ReadsRecordsAConfluentRegistryWrote()
    {
        var options = await RegistryHandle.NewOptionsAsync();
        await using (var admin = new Pipeline.Client.Admin.AdminClient(Pipeline.Client.Config.AdminClientOptions.Default with { BootstrapServers = options.BootstrapServers }))
        {
            await admin.CreateTopicsAsync([new Pipeline.Client.Admin.TopicSpecification { Name = options.Topic, NumPartitions = 1, ReplicationFactor = 1, Configs = new Dictionary<string, string> { ["cleanup.policy"] = "compact" } }]);
        }

        using (var producer = new Pipeline.Client.Producer.ProducerBuilder<string, string?>(new Dictionary<string, string> { ["bootstrap.servers"] = options.BootstrapServers }).Build())
        {
            // As Confluent 5.x/7.x wrote them: no schemaType, a global CONFIG key with "subject":null.
            await producer.ProduceAsync(options.Topic, new Message<string, string?> { Key = "{\"keytype\":\"SCHEMA\",\"subject\":\"legacy\",\"version\":1,\"magic\":1}", Value = "{\"subject\":\"legacy\",\"version\":1,\"id\":41,\"schema\":\"\\\"string\\\"\",\"deleted\":false}" });
            await producer.ProduceAsync(options.Topic, new Message<string, string?> { Key = "{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}", Value = "{\"compatibilityLevel\":\"FORWARD\"}" });
            await producer.ProduceAsync(options.Topic, new Message<string, string?> { Key = "{\"keytype\":\"SOMETHING_NEW\",\"magic\":0}", Value = "{\"whatever\":1}" });
            await producer.ProduceAsync(options.Topic, new Message<string, string?> { Key = "not json", Value = "{" });
        }

        await using var server = await SchemaRegistryServer.StartAsync(options);
        using var http = new HttpClient();
        Assert.Equal("\"string\"", await http.GetStringAsync(server.Url + "/schemas/ids/41/schema"));
        Assert.Equal("{\"compatibilityLevel\":\"FORWARD\"}", await http.GetStringAsync(server.Url + "/config"));
    }

    private static async Task<List<(string Key, string? Value)>> ReadTopicAsync(string bootstrap, string topic)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new Dictionary<string, string> { ["bootstrap.servers"] = bootstrap, ["enable.partition.eof"] = "true" }).Build();
        consumer.Assign([new TopicPartitionOffset(topic, 0, Offset.Beginning)]);
        var records = new List<(string, string?)>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var result = await consumer.ConsumeAsync(TimeSpan.FromSeconds(1));
            if (result is null)
            {
                continue;
            }

            if (result.IsPartitionEOF)
            {
                break;
            }

            var m = result.Message!;
            records.Add((Encoding.UTF8.GetString(m.Key ?? []), m.Value is null ? null : Encoding.UTF8.GetString(m.Value)));
        }

        return records;
    }
}
