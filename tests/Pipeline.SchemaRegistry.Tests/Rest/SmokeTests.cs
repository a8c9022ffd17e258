using Pipeline.SchemaRegistry.Tests.Fixtures;

namespace Pipeline.SchemaRegistry.Tests.Rest;

[Trait("Category", "Integration")]
public sealed class SmokeTests
{
    [Fact]
    public async Task Register_ThenGetById_ReturnsTheSchema()
    {
        await using var registry = await RegistryHandle.StartAsync();
        var id = await registry.RegisterAsync("orders-value", "{\"type\":\"record\",\"name\":\"Order\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"}]}");
        var answer = (await registry.GetAsync($"/schemas/ids/{id}")).AssertOk();
        Assert.Equal("{\"type\":\"record\",\"name\":\"Order\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"}]}", answer.Json.GetProperty("schema").GetString());
    }
}
