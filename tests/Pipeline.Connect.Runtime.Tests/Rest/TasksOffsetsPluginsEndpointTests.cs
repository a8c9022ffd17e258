using System.Net;
using Pipeline.Connect.Runtime.Rest;

namespace Pipeline.Connect.Runtime.Tests.Rest;

[Trait("Category", "Integration")]
public sealed class TasksOffsetsPluginsEndpointTests : IAsyncLifetime
{
    private readonly FakeHerder _herder = new();
    private RestTestServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await RestTestServer.StartAsync(_herder);
        var created = await _server.SendAsync("POST", "/connectors", "{\"name\":\"a\",\"config\":{\"connector.class\":\"FileStreamSource\",\"file\":\"in.txt\",\"topic\":\"t\"}}");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Tasks_ListConfigsStatusAndRestart()
    {
        var tasks = await RestTestServer.JsonAsync(await _server.Http.GetAsync("/connectors/a/tasks"));
        Assert.Equal("a", tasks[0].GetProperty("id").GetProperty("connector").GetString());
        Assert.Equal("FileStreamSourceTask", tasks[0].GetProperty("config").GetProperty("task.class").GetString());

        var legacy = await RestTestServer.JsonAsync(await _server.Http.GetAsync("/connectors/a/tasks-config"));
        Assert.Equal("FileStreamSourceTask", legacy.GetProperty("a-0").GetProperty("task.class").GetString());

        var status = await RestTestServer.JsonAsync(await _server.Http.GetAsync("/connectors/a/tasks/0/status"));
        Assert.Equal(0, status.GetProperty("id").GetInt32());
        Assert.Equal("RUNNING", status.GetProperty("state").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await _server.SendAsync("POST", "/connectors/a/tasks/0/restart")).StatusCode);
        Assert.Contains("a-0", _herder.Restarts);

        await RestTestServer.AssertErrorAsync(await _server.Http.GetAsync("/connectors/a/tasks/7/status"), 404);
        await RestTestServer.AssertErrorAsync(await _server.Http.GetAsync("/connectors/a/tasks/x/status"), 404);
        await RestTestServer.AssertErrorAsync(await _server.SendAsync("POST", "/connectors/a/tasks/3/restart"), 404);
        await RestTestServer.AssertErrorAsync(await _server.Http.GetAsync("/connectors/nope/tasks"), 404);
    }

    [Fact]
    public async Task PostTaskConfigs_ToANonDistributedHerder_Answers500()
    {
        await RestTestServer.AssertErrorAsync(await _server.SendAsync("POST", "/connectors/a/tasks", "[{\"task.class\":\"X\"}]"), 500, "standalone mode does not support externally setting task configurations");
    }

    [Fact]
    public async Task Offsets_GetAlterReset()
    {
        var offsets = await RestTestServer.JsonAsync(await _server.Http.GetAsync("/connectors/a/offsets"));
        Assert.Equal("in.txt", offsets.GetProperty("offsets")[0].GetProperty("partition").GetProperty("filename").GetString());
        Assert.Equal(42, offsets.GetProperty("offsets")[0].GetProperty("offset").GetProperty("position").GetInt32());

        const string Patch = "{\"offsets\":[{\"partition\":{\"filename\":\"in.txt\"},\"offset\":{\"position\":7}},{\"partition\":{\"filename\":\"b\"},\"offset\":null}]}";
        await RestTestServer.AssertErrorAsync(await _server.SendAsync("PATCH", "/connectors/a/offsets", Patch), 400, "STOPPED");

        await _server.SendAsync("PUT", "/connectors/a/stop");
        var altered = await _server.SendAsync("PATCH", "/connectors/a/offsets", Patch);
        Assert.Equal(HttpStatusCode.OK, altered.StatusCode);
        Assert.Equal("The offsets for this connector have been altered successfully", (await RestTestServer.JsonAsync(altered)).GetProperty("message").GetString());
        Assert.Equal(7, _herder.LastAltered!.Offsets[0].Offset!.Value.GetProperty("position").GetInt32());
        Assert.Null(_herder.LastAltered.Offsets[1].Offset);

        await RestTestServer.AssertErrorAsync(await _server.SendAsync("PATCH", "/connectors/a/offsets", "{\"offsets\":[]}"), 400, "Partitions / offsets need to be provided");
        await RestTestServer.AssertErrorAsync(await _server.SendAsync("PATCH", "/connectors/a/offsets", "{\"offsets\":[{\"offset\":{}}]}"), 400, "partition");

        var reset = await _server.SendAsync("DELETE", "/connectors/a/offsets");
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Contains("reset successfully", (await RestTestServer.JsonAsync(reset)).GetProperty("message").GetString(), StringComparison.Ordinal);
        await RestTestServer.AssertErrorAsync(await _server.Http.GetAsync("/connectors/nope/offsets"), 404);
    }

    [Fact]
    public async Task Topics_ListAndReset()
    {
        _herder.AddTopic("a", "t");
        var topics = await RestTestServer.JsonAsync(await _server.Http.GetAsync("/connectors/a/topics"));
        Assert.Equal("t", topics.GetProperty("a").GetProperty("topics")[0].GetString());

        Assert.Equal(HttpStatusCode.Accepted, (await _server.SendAsync("PUT", "/connectors/a/topics/reset")).StatusCode);
        topics = await RestTestServer.JsonAsync(await _server.Http.GetAsync("/connectors/a/topics"));
        Assert.Equal(0, topics.GetProperty("a").GetProperty("topics").GetArrayLength());
    }

    [Fact]
    public async Task Topics_TrackingDisabled_Answer403()
    {
        await using var server = await RestTestServer.StartAsync(_herder, ConnectRestOptions.FromProperties(new Dictionary<string, string> { ["topic.tracking.enable"] = "false" }));
        await RestTestServer.AssertErrorAsync(await server.Http.GetAsync("/connectors/a/topics"), 403, "Topic tracking is disabled.");
        await RestTestServer.AssertErrorAsync(await server.SendAsync("PUT", "/connectors/a/topics/reset"), 403, "Topic tracking is disabled.");

        await using var noReset = await RestTestServer.StartAsync(_herder, ConnectRestOptions.FromProperties(new Dictionary<string, string> { ["topic.tracking.allow.reset"] = "false" }));
        Assert.Equal(HttpStatusCode.OK, (await noReset.Http.GetAsync("/connectors/a/topics")).StatusCode);
        await RestTestServer.AssertErrorAsync(await noReset.SendAsync("PUT", "/connectors/a/topics/reset"), 403, "Topic tracking reset is disabled.");
    }

    [Fact]
    public async Task Plugins_ConnectorsOnlyByDefault()
    {
        var connectors = await RestTestServer.JsonAsync(await _server.Http.GetAsync("/connector-plugins"));
        Assert.Equal(2, connectors.GetArrayLength());
        Assert.Equal("sink", connectors[0].GetProperty("type").GetString());

        var all = await RestTestServer.JsonAsync(await _server.Http.GetAsync("/connector-plugins?connectorsOnly=false"));
        Assert.Equal(3, all.GetArrayLength());
        Assert.False(all[2].TryGetProperty("version", out _));
    }

    [Fact]
    public async Task PluginConfig_KnownAndUnknown()
    {
        var config = await RestTestServer.JsonAsync(await _server.Http.GetAsync("/connector-plugins/FileStreamSink/config"));
        Assert.Equal("file", config[0].GetProperty("name").GetString());
        Assert.Equal("STRING", config[0].GetProperty("type").GetString());
        Assert.Equal(1, config[0].GetProperty("order").GetInt32());
        await RestTestServer.AssertErrorAsync(await _server.Http.GetAsync("/connector-plugins/Nope/config"), 404, "Nope");
    }

    [Theory]
    [InlineData("FileStreamSink")]
    [InlineData("FileStreamSinkConnector")]
    [InlineData("org.apache.kafka.connect.file.FileStreamSinkConnector")]
    public async Task Validate_PluginNameMatchingTheClass_Answers200WithPerFieldErrors(string plugin)
    {
        var response = await _server.SendAsync("PUT", $"/connector-plugins/{plugin}/config/validate",
            "{\"connector.class\":\"org.apache.kafka.connect.file.FileStreamSinkConnector\",\"file\":\"\",\"topics\":\"t\",\"extra\":null}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var infos = await RestTestServer.JsonAsync(response);
        Assert.Equal(2, infos.GetProperty("error_count").GetInt32());
        var configs = infos.GetProperty("configs").EnumerateArray().ToDictionary(c => c.GetProperty("value").GetProperty("name").GetString()!);
        Assert.Equal("file must not be empty", configs["file"].GetProperty("value").GetProperty("errors")[0].GetString());
        Assert.Equal(0, configs["topics"].GetProperty("value").GetProperty("errors").GetArrayLength());
        Assert.Equal("Null value can not be supplied as the configuration value.", configs["extra"].GetProperty("value").GetProperty("errors")[0].GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, configs["extra"].GetProperty("definition").ValueKind);
    }

    [Fact]
    public async Task Validate_MissingOrMismatchedClass_Answers400()
    {
        await RestTestServer.AssertErrorAsync(await _server.SendAsync("PUT", "/connector-plugins/FileStreamSink/config/validate", "{\"file\":\"x\"}"), 400, "Connector config {file=x} contains no connector type");
        await RestTestServer.AssertErrorAsync(
            await _server.SendAsync("PUT", "/connector-plugins/FileStreamSource/config/validate", "{\"connector.class\":\"FileStreamSinkConnector\"}"),
            400,
            "Included connector type FileStreamSinkConnector does not match request type FileStreamSource");
    }
}
