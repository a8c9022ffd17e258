using System.Net;
using Pipeline.Connect.Runtime.Herder;
using Pipeline.Connect.Runtime.Rest;

namespace Pipeline.Connect.Runtime.Tests.Rest;

[Trait("Category", "Integration")]
public sealed class RestPipelineTests
{
    [Fact]
    public async Task Root_AnswersVersionCommitAndClusterId()
    {
        await using var server = await RestTestServer.StartAsync(new FakeHerder());
        var info = await RestTestServer.JsonAsync(await server.Http.GetAsync("/"));

        Assert.Equal("3.9.0", info.GetProperty("version").GetString());
        Assert.False(string.IsNullOrEmpty(info.GetProperty("commit").GetString()));
        Assert.Equal("fake-cluster", info.GetProperty("kafka_cluster_id").GetString());
    }

    [Fact]
    public async Task BeforeAttach_EndpointsAnswer503AndHealthSaysStarting_ThenServe()
    {
        await using var server = await RestTestServer.StartAsync(null);
        Assert.StartsWith("http://127.0.0.1:", server.Server.AdvertisedUrl, StringComparison.Ordinal);
        Assert.NotEqual("127.0.0.1:0", server.Server.WorkerId);

        await RestTestServer.AssertErrorAsync(await server.Http.GetAsync("/connectors"), 503, "starting");
        var health = await server.Http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("starting", (await RestTestServer.JsonAsync(health)).GetProperty("status").GetString());

        server.Server.Attach(new FakeHerder());
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("/connectors")).StatusCode);
        var healthy = await server.Http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal("healthy", (await RestTestServer.JsonAsync(healthy)).GetProperty("status").GetString());
        Assert.Throws<InvalidOperationException>(() => server.Server.Attach(new FakeHerder()));
    }

    [Fact]
    public async Task UnknownPathWrongMethodWrongMediaType_Answer404_405_415WithBodies()
    {
        await using var server = await RestTestServer.StartAsync(new FakeHerder());
        await RestTestServer.AssertErrorAsync(await server.Http.GetAsync("/nowhere"), 404, "HTTP 404 Not Found");
        await RestTestServer.AssertErrorAsync(await server.Http.GetAsync("/connectors/a/b/c/d/e"), 404);
        await RestTestServer.AssertErrorAsync(await server.SendAsync("DELETE", "/connectors"), 405, "HTTP 405 Method Not Allowed");
        await RestTestServer.AssertErrorAsync(await server.SendAsync("POST", "/connectors", "name=a", "application/x-www-form-urlencoded"), 415);
    }

    [Fact]
    public async Task UnexpectedHerderFailure_Answers500WithMessage_AndServerStaysUp()
    {
        var herder = new FakeHerder { Throw = new InvalidOperationException("the disk is on fire") };
        await using var server = await RestTestServer.StartAsync(herder);
        await RestTestServer.AssertErrorAsync(await server.Http.GetAsync("/connectors"), 500, "the disk is on fire");

        herder.Throw = null;
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("/connectors")).StatusCode);
    }

    [Fact]
    public async Task HerderThatNeverAnswers_TimesOutWith500()
    {
        var herder = new FakeHerder { Hang = true };
        await using var server = await RestTestServer.StartAsync(herder, new ConnectRestOptions { RequestTimeout = TimeSpan.FromMilliseconds(300) });
        await RestTestServer.AssertErrorAsync(await server.Http.GetAsync("/connectors"), 500, "Request timed out");
    }

    [Fact]
    public async Task Follower_ForwardsWritesToTheLeader_AndRelaysItsAnswer()
    {
        var leaderHerder = new FakeHerder();
        await using var leader = await RestTestServer.StartAsync(leaderHerder);
        var followerHerder = new FakeHerder { Refuse = () => new NotLeaderException("not the leader", leader.Server.AdvertisedUrl) };
        await using var follower = await RestTestServer.StartAsync(followerHerder);

        var created = await follower.SendAsync("POST", "/connectors", "{\"name\":\"a\",\"config\":{\"connector.class\":\"FileStreamSource\"}}");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/connectors/a", created.Headers.Location?.OriginalString);
        Assert.Equal("a", (await RestTestServer.JsonAsync(created)).GetProperty("name").GetString());
        Assert.Equal(["a"], await leaderHerder.ConnectorsAsync(default));
        Assert.Empty(await followerHerder.ConnectorsAsync(default));

        // The leader's errors come back as they are; query parameters travel along.
        await RestTestServer.AssertErrorAsync(await follower.SendAsync("POST", "/connectors", "{\"name\":\"a\",\"config\":{\"connector.class\":\"FileStreamSource\"}}"), 409, "already exists");
        Assert.Equal(HttpStatusCode.Accepted, (await follower.SendAsync("POST", "/connectors/a/restart?includeTasks=true&onlyFailed=true")).StatusCode);
        Assert.Equal("a:True:True", leaderHerder.Restarts[^1]);
    }

    [Fact]
    public async Task Follower_WithoutLeaderOrAfterTwoHops_Answers409()
    {
        var noLeader = new FakeHerder { Refuse = () => new NotLeaderException("not the leader", null) };
        await using var server = await RestTestServer.StartAsync(noLeader);
        await RestTestServer.AssertErrorAsync(await server.SendAsync("PUT", "/connectors/a/config", "{\"connector.class\":\"X\"}"), 409, "no known leader URL");

        var elsewhere = new FakeHerder { Refuse = () => new NotLeaderException("not the leader", "http://127.0.0.1:1") };
        await using var second = await RestTestServer.StartAsync(elsewhere);
        await RestTestServer.AssertErrorAsync(await second.SendAsync("PUT", "/connectors/a/config?forward=false", "{\"connector.class\":\"X\"}"), 409, "conflicting operation");

        // An unreachable leader: Kafka's IO error message, 500.
        await RestTestServer.AssertErrorAsync(await second.SendAsync("PUT", "/connectors/a/config", "{\"connector.class\":\"X\"}"), 500, "IO Error trying to forward REST request");
    }

    [Fact]
    public async Task Loggers_ListGetAndSetLevels()
    {
        await using var server = await RestTestServer.StartAsync(new FakeHerder());
        server.Server.Loggers.IsEnabled("Pipeline.Connect.Runtime.Worker", Microsoft.Extensions.Logging.LogLevel.Information);

        var all = await RestTestServer.JsonAsync(await server.Http.GetAsync("/admin/loggers"));
        Assert.Equal("INFO", all.GetProperty("root").GetProperty("level").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, all.GetProperty("root").GetProperty("last_modified").ValueKind);

        var set = await server.SendAsync("PUT", "/admin/loggers/Pipeline.Connect", "{\"level\":\"debug\"}");
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var affected = (await RestTestServer.JsonAsync(set)).EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(["Pipeline.Connect", "Pipeline.Connect.Runtime.Worker"], affected);

        var worker = await RestTestServer.JsonAsync(await server.Http.GetAsync("/admin/loggers/Pipeline.Connect.Runtime.Worker"));
        Assert.Equal("DEBUG", worker.GetProperty("level").GetString());
        Assert.True(worker.GetProperty("last_modified").GetInt64() > 0);
        Assert.True(server.Server.Loggers.IsEnabled("Pipeline.Connect.Runtime.Worker", Microsoft.Extensions.Logging.LogLevel.Debug));

        await RestTestServer.AssertErrorAsync(await server.Http.GetAsync("/admin/loggers/com.nobody"), 404, "Logger com.nobody not found.");
        await RestTestServer.AssertErrorAsync(await server.SendAsync("PUT", "/admin/loggers/x", "{\"level\":\"LOUD\"}"), 404, "invalid log level 'LOUD'");
        await RestTestServer.AssertErrorAsync(await server.SendAsync("PUT", "/admin/loggers/x", "{}"), 400, "Desired 'level' parameter was not specified in request.");
        Assert.Equal(HttpStatusCode.NoContent, (await server.SendAsync("PUT", "/admin/loggers/x?scope=cluster", "{\"level\":\"WARN\"}")).StatusCode);
        Assert.Equal("WARN", (await RestTestServer.JsonAsync(await server.Http.GetAsync("/admin/loggers/x"))).GetProperty("level").GetString());
    }

    [Fact]
    public async Task Loggers_AdminListenersEmpty_Answer404()
    {
        var options = ConnectRestOptions.FromProperties(new Dictionary<string, string> { ["admin.listeners"] = "" });
        await using var server = await RestTestServer.StartAsync(new FakeHerder(), options);
        await RestTestServer.AssertErrorAsync(await server.Http.GetAsync("/admin/loggers"), 404);
    }
}
