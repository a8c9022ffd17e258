using Pipeline.SchemaRegistry.Tests.Fixtures;

namespace Pipeline.SchemaRegistry.Tests.Election;

/// <summary>Two instances in one group: one primary, the other serves reads and forwards writes.</summary>
[Trait("Category", "Integration")]
public sealed class ElectionTests
{
    [Fact]
    public async Task TwoInstances_ElectOnePrimary_FollowerForwardsWrites_AndTakesOverWhenThePrimaryStops()
    {
        var options = await RegistryHandle.NewOptionsAsync() with { GroupSessionTimeout = TimeSpan.FromSeconds(6) };
        var first = await SchemaRegistryServer.StartAsync(options);
        await using var second = await SchemaRegistryServer.StartAsync(options);
        try
        {
            Assert.True(await WaitAsync(() => first.Leader.Leader is not null && second.Leader.Leader is not null && first.Leader.Leader == second.Leader.Leader && (first.IsLeader ^ second.IsLeader)),
                $"first leader={first.IsLeader} ({first.Leader.Leader?.Url}), second leader={second.IsLeader} ({second.Leader.Leader?.Url})");

            // The smallest URL wins (Confluent's rule).
            var expected = string.CompareOrdinal(first.Url, second.Url) < 0 ? first : second;
            Assert.True(expected.IsLeader);
            var primary = first.IsLeader ? first : second;
            var follower = first.IsLeader ? second : first;

            using var http = new HttpClient();
            var body = new StringContent(RegistryHandle.RegisterBody(TestSchemas.UserV1), System.Text.Encoding.UTF8, "application/vnd.schemaregistry.v1+json");
            var registered = await http.PostAsync(follower.Url + "/subjects/forwarded/versions", body);
            Assert.Equal(200, (int)registered.StatusCode);
            Assert.Equal("{\"id\":1}", await registered.Content.ReadAsStringAsync());
            Assert.Equal("[1]", await http.GetStringAsync(primary.Url + "/subjects/forwarded/versions"));
            Assert.True(await WaitAsync(async () => await http.GetStringAsync(follower.Url + "/subjects") == "[\"forwarded\"]"));

            var config = await http.PutAsync(follower.Url + "/config/forwarded", new StringContent("{\"compatibility\":\"FULL\"}", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal("{\"compatibility\":\"FULL\"}", await config.Content.ReadAsStringAsync());
            Assert.Equal("{\"compatibilityLevel\":\"FULL\"}", await http.GetStringAsync(primary.Url + "/config/forwarded"));

            var incompatible = await http.PostAsync(follower.Url + "/subjects/forwarded/versions", new StringContent(RegistryHandle.RegisterBody(TestSchemas.UserNoDefault), System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(409, (int)incompatible.StatusCode);

            // The primary leaves: the follower becomes primary and writes itself.
            await primary.DisposeAsync();
            Assert.True(await WaitAsync(() => follower.IsLeader, TimeSpan.FromSeconds(30)), "the follower did not take over");
            var after = await http.PostAsync(follower.Url + "/subjects/after/versions", new StringContent(RegistryHandle.RegisterBody(TestSchemas.Record("After")), System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal("{\"id\":2}", await after.Content.ReadAsStringAsync());
        }
        finally
        {
            await first.DisposeAsync();
        }
    }

    [Fact]
    public async Task IneligibleInstanceAlone_ServesReads_AndAnswers50004ToWrites()
    {
        var options = await RegistryHandle.NewOptionsAsync() with { LeaderEligibility = false };
        await using var server = await SchemaRegistryServer.StartAsync(options);
        using var http = new HttpClient();
        Assert.Equal("[]", await http.GetStringAsync(server.Url + "/subjects"));
        await Task.Delay(1500);
        var write = await http.PostAsync(server.Url + "/subjects/x/versions", new StringContent(RegistryHandle.RegisterBody("\"int\""), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(500, (int)write.StatusCode);
        Assert.Contains("50004", await write.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static Task<bool> WaitAsync(Func<bool> condition, TimeSpan? timeout = null) => WaitAsync(() => Task.FromResult(condition()), timeout);

    private static async Task<bool> WaitAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }
}
