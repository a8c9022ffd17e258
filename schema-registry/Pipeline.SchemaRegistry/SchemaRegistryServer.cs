using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.SchemaRegistry.Election;
using Pipeline.SchemaRegistry.Registry;
using Pipeline.SchemaRegistry.Rest;

namespace Pipeline.SchemaRegistry;

/// <summary>
/// A registry on its own Kestrel listeners: what <c>pipeline schema-registry</c>, <c>pipeline up</c>
/// and the tests run. <see cref="StartAsync"/> returns once the store is loaded and the election
/// joined; a port-0 listener reports its real port in <see cref="Url"/>.
/// </summary>
public sealed class SchemaRegistryServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SchemaRegistryLifecycle _lifecycle;

    private SchemaRegistryServer(WebApplication app, SchemaRegistryLifecycle lifecycle, KafkaSchemaRegistry registry)
    {
        _app = app;
        _lifecycle = lifecycle;
        Registry = registry;
    }

    public KafkaSchemaRegistry Registry { get; }

    /// <summary>The URL this instance advertises (and serves): scheme, host and bound port.</summary>
    public string Url => _lifecycle.Url ?? throw new InvalidOperationException("the registry is not started");

    public bool IsLeader => Registry.Leader.IsLeader;

    public ILeaderStatus Leader => Registry.Leader;

    public static async Task<SchemaRegistryServer> StartAsync(SchemaRegistryOptions options, ILoggerFactory? loggers = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers ?? NullLoggerFactory.Instance);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.WebHost.UseKestrel(k =>
        {
            foreach (var listener in options.Listeners)
            {
                if (listener.Scheme != "http")
                {
                    throw new SchemaRegistryConfigException($"listeners: {listener} uses {listener.Scheme}; only http listeners are supported");
                }

                k.Listen(Address(listener.Host), listener.Port);
            }
        });
        builder.Services.AddSchemaRegistry(options);
        var app = builder.Build();
        app.Use(RestPipeline.StatusBodiesAsync);
        app.MapSchemaRegistryEndpoints();
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var lifecycle = app.Services.GetRequiredService<SchemaRegistryLifecycle>();
            var registry = await lifecycle.Ready.WaitAsync(options.InitTimeout + TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
            return new SchemaRegistryServer(app, lifecycle, registry);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Waits until the election has named a primary (any instance), up to <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForLeaderAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Leader.Leader is null)
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static IPAddress Address(string host) => host switch
    {
        "0.0.0.0" or "" => IPAddress.Any,
        "[::]" or "::" => IPAddress.IPv6Any,
        "localhost" => IPAddress.Loopback,
        _ => IPAddress.TryParse(host.Trim('[', ']'), out var ip) ? ip : Dns.GetHostAddresses(host)[0],
    };
}
