using Pipeline.SchemaRegistry.Tests.Fixtures;

namespace Pipeline.SchemaRegistry.Tests.Rest;

/// <summary>Malformed requests: each gets the real registry's 4xx and a message that says what is wrong; nothing is stored and the registry keeps answering.</summary>
[Trait("Category", "Integration")]
public sealed class BadInputTests(SharedRegistry shared) : IClassFixture<SharedRegistry>
{
    private RegistryHandle R => shared.Registry;

    public static TheoryData<string, string?, int, int, string> Cases => new()
    {
        { "not JSON", "{\"schema\":", 400, 400, "JSON" },
        { "schema as an object", "{\"schema\":{\"type\":\"string\"}}", 400, 400, "java.lang.String" },
        { "references not an array", "{\"schema\":\"\\\"int\\\"\",\"references\":5}", 400, 400, "SchemaReference" },
        { "body an array", "[1,2]", 400, 400, "RegisterSchemaRequest" },
        { "empty body", "", 422, 422, "missing" },
        { "null body", "null", 422, 422, "missing" },
        { "empty schema", "{\"schema\":\"\"}", 422, 42201, "Empty schema" },
        { "invalid Avro JSON", "{\"schema\":\"{\\\"type\\\":\"}", 422, 42201, "Invalid schema of type AVRO" },
        { "unknown Avro type", "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"R\\\",\\\"fields\\\":[{\\\"name\\\":\\\"a\\\",\\\"type\\\":\\\"strng\\\"}]}\"}", 422, 42201, "strng" },
        { "bad default", "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"R\\\",\\\"fields\\\":[{\\\"name\\\":\\\"a\\\",\\\"type\\\":\\\"int\\\",\\\"default\\\":\\\"x\\\"}]}\"}", 422, 42201, "default" },
        { "unknown schema type", "{\"schema\":\"syntax = \\\"proto3\\\";\",\"schemaType\":\"PROTOBUF\"}", 422, 42201, "Invalid schema type PROTOBUF" },
        { "missing reference", "{\"schema\":\"\\\"int\\\"\",\"references\":[{\"name\":\"x.Y\",\"subject\":\"nowhere\",\"version\":1}]}", 422, 42201, "No schema reference found for subject \"nowhere\"" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Register_BadBody_IsRefusedAndStoresNothing(string what, string? body, int status, int code, string says)
    {
        var subject = SharedRegistry.Subject("bad");
        var answer = (await R.PostAsync($"/subjects/{subject}/versions", body)).AssertError(status, code);
        Assert.True(answer.Message.Contains(says, StringComparison.Ordinal), $"{what}: '{answer.Message}' does not mention '{says}'");
        await AssertNothingStoredAsync(subject);
    }

    [Fact]
    public async Task Register_WrongContentType_Is415()
    {
        var subject = SharedRegistry.Subject("bad");
        (await R.PostAsync($"/subjects/{subject}/versions", RegistryHandle.RegisterBody("\"int\""), "text/plain")).AssertError(415, 415);
        await AssertNothingStoredAsync(subject);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/vnd.schemaregistry+json")]
    [InlineData("application/octet-stream")]
    [InlineData(null)]
    public async Task Register_AcceptedContentTypes(string? contentType)
    {
        (await R.PostAsync($"/subjects/{SharedRegistry.Subject()}/versions", RegistryHandle.RegisterBody("\"int\""), contentType)).AssertOk();
    }

    [Fact]
    public async Task Register_HugeBody_Is413()
    {
        var subject = SharedRegistry.Subject("bad");
        var huge = RegistryHandle.RegisterBody(new string('x', (int)R.Options.MaxRequestBodyBytes + 10));
        (await R.PostAsync($"/subjects/{subject}/versions", huge)).AssertError(413, 413);
        await AssertNothingStoredAsync(subject);
    }

    [Theory]
    [InlineData("__GLOBAL")]
    [InlineData("__EMPTY")]
    [InlineData("tab%09inside")]
    public async Task Register_InvalidSubject_Is42208(string subject)
    {
        (await R.PostAsync($"/subjects/{subject}/versions", RegistryHandle.RegisterBody("\"int\""))).AssertError(422, 42208);
    }

    [Fact]
    public async Task Subject_WithSlashesAndUnicode_RoundTrips()
    {
        var subject = "a/b c-ü-" + Guid.NewGuid().ToString("N")[..6];
        await R.RegisterAsync(subject, "\"long\"");
        Assert.Contains(subject, (await R.GetAsync("/subjects")).Json.EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(subject, (await R.GetAsync($"/subjects/{Uri.EscapeDataString(subject)}/versions/1")).AssertOk().Json.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task Responses_NegotiateTheMediaType()
    {
        Assert.Equal("application/vnd.schemaregistry.v1+json", (await R.GetAsync("/subjects")).MediaType);
        Assert.Equal("application/json", (await R.GetAsync("/subjects", accept: "application/json")).MediaType);
        Assert.Equal("application/vnd.schemaregistry+json", (await R.GetAsync("/subjects", accept: "application/vnd.schemaregistry+json, application/json;q=0.9")).MediaType);
        Assert.Equal("application/vnd.schemaregistry.v1+json", (await R.GetAsync("/subjects", accept: "*/*")).MediaType);
        (await R.GetAsync("/subjects", accept: "text/html")).AssertError(406, 406);
    }

    [Fact]
    public async Task UnknownRoutesAndMethods_Are404And405()
    {
        (await R.GetAsync("/nothing/here")).AssertError(404, 404);
        (await R.SendAsync(HttpMethod.Put, "/subjects", "{}")).AssertError(405, 405);
        (await R.GetAsync("/subjects/")).AssertOk();
    }

    private async Task AssertNothingStoredAsync(string subject)
    {
        (await R.GetAsync($"/subjects/{subject}/versions?deleted=true")).AssertError(404, 40401);
        Assert.DoesNotContain(subject, (await R.GetAsync("/subjects?deleted=true")).AssertOk().Body, StringComparison.Ordinal);
    }
}
