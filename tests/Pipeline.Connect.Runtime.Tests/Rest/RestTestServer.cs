using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Pipeline.Connect.Runtime.Herder;
using Pipeline.Connect.Runtime.Rest;

namespace Pipeline.Connect.Runtime.Tests.Rest;

/// <summary>A REST server on 127.0.0.1:0 over a herder, with an HttpClient pointed at it.</summary>
internal sealed class RestTestServer : IAsyncDisposable
{
    private RestTestServer(ConnectRestServer server)
    {
        Server = server;
        Http = new HttpClient { BaseAddress = new Uri(server.AdvertisedUrl), Timeout = TimeSpan.FromSeconds(30) };
    }

    public ConnectRestServer Server { get; }

    public HttpClient Http { get; }

    public static async Task<RestTestServer> StartAsync(IHerder? herder, ConnectRestOptions? options = null)
    {
        options ??= new ConnectRestOptions();
        options = options with { Listeners = [new RestListener("http", "127.0.0.1", 0)], AdvertisedHostName = "127.0.0.1" };
        var server = await ConnectRestServer.StartAsync(options);
        if (herder is not null)
        {
            server.Attach(herder);
        }

        return new RestTestServer(server);
    }

    public Task<HttpResponseMessage> SendAsync(string method, string path, string? json = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return Http.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>Asserts an error answer: the status, the JSON error body with the same error_code, and the message containing <paramref name="fragment"/>.</summary>
    public static async Task<string> AssertErrorAsync(HttpResponseMessage response, int status, string? fragment = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(text);
        Assert.Equal(status, document.RootElement.GetProperty("error_code").GetInt32());
        var message = document.RootElement.GetProperty("message").GetString()!;
        if (fragment is not null)
        {
            Assert.Contains(fragment, message, StringComparison.Ordinal);
        }

        return message;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
