using System.Net.Http.Headers;
using System.Text.Json;
using System.Text;
using Pipeline.Testing.Brokers;

namespace Pipeline.SchemaRegistry.Tests.Fixtures;

/// <summary>
/// A registry under test on a port-0 listener with its own store topic and election group
/// (<see cref="StartAsync"/>), plus a small HTTP client that returns status, content type and body.
/// <see cref="RestartAsync"/> starts a new instance on the same topic: the state must come back
/// from <c>_schemas</c> alone.
/// </summary>
public sealed class RegistryHandle : IAsyncDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private RegistryHandle(SchemaRegistryOptions options, SchemaRegistryServer server)
    {
        Options = options;
        Server = server;
    }

    public SchemaRegistryOptions Options { get; }

    public SchemaRegistryServer Server { get; private set; }

    public string Url => Server.Url;

    public static async Task<RegistryHandle> StartAsync(Func<SchemaRegistryOptions, SchemaRegistryOptions>? configure = null)
    {
        var options = await NewOptionsAsync();
        options = configure?.Invoke(options) ?? options;
        var server = await SchemaRegistryServer.StartAsync(options);
        var handle = new RegistryHandle(options, server);
        if (!await server.WaitForLeaderAsync(TimeSpan.FromSeconds(30)))
        {
            await handle.DisposeAsync();
            throw new InvalidOperationException("no primary elected within 30 s");
        }

        return handle;
    }

    /// <summary>Options for a fresh registry: shared broker, unique topic and group, loopback port 0.</summary>
    public static async Task<SchemaRegistryOptions> NewOptionsAsync()
    {
        var unique = Guid.NewGuid().ToString("N")[..12];
        return SchemaRegistryOptions.Default with
        {
            BootstrapServers = await HostedBroker.SharedBootstrapServersAsync(),
            Listeners = [new Uri("http://127.0.0.1:0")],
            HostName = "127.0.0.1",
            Topic = "_schemas-" + unique,
            GroupId = "schema-registry-" + unique,
            TopicReplicationFactor = 1,
        };
    }

    public async Task RestartAsync()
    {
        await Server.DisposeAsync();
        Server = await SchemaRegistryServer.StartAsync(Options);
        if (!await Server.WaitForLeaderAsync(TimeSpan.FromSeconds(30)))
        {
            throw new InvalidOperationException("no primary elected within 30 s after the restart");
        }
    }

    public Task<Answer> GetAsync(string path, string? accept = null) => SendAsync(HttpMethod.Get, path, null, accept: accept);

    public Task<Answer> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null);

    public Task<Answer> PostAsync(string path, string? body, string? contentType = "application/vnd.schemaregistry.v1+json") => SendAsync(HttpMethod.Post, path, body, contentType);

    public Task<Answer> PutAsync(string path, string? body, string? contentType = "application/vnd.schemaregistry.v1+json") => SendAsync(HttpMethod.Put, path, body, contentType);

    /// <summary>Registers an Avro schema text under a subject and returns the id (asserting 200).</summary>
    public async Task<int> RegisterAsync(string subject, string schema, string? extra = null, string query = "")
    {
        var answer = await PostAsync($"/subjects/{Uri.EscapeDataString(subject)}/versions{query}", RegisterBody(schema, extra));
        Assert.True(answer.Status == 200, $"register {subject}: {answer}");
        return answer.Json.GetProperty("id").GetInt32();
    }

    /// <summary>{"schema": "&lt;text&gt;"} plus extra members (raw JSON, without braces).</summary>
    public static string RegisterBody(string schema, string? extra = null) =>
        "{\"schema\":" + JsonSerializer.Serialize(schema) + (extra is null ? "" : "," + extra) + "}";

    public async Task<Answer> SendAsync(HttpMethod method, string path, string? body, string? contentType = "application/vnd.schemaregistry.v1+json", string? accept = null)
    {
        using var request = new HttpRequestMessage(method, Url + path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
        }

        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Answer((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, text);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Server.DisposeAsync();
    }
}
