using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pipeline.Client.Admin;
using Pipeline.Client.Config;
using Pipeline.SchemaRegistry.Election;
using Pipeline.SchemaRegistry.Registry;
using Pipeline.SchemaRegistry.Store;

namespace Pipeline.SchemaRegistry;

/// <summary>
/// Starts the registry once the web server listens (the advertised port may be a port-0 listener's
/// real one): loads the store from <c>_schemas</c>, then joins the election. Requests that arrive
/// earlier wait for <see cref="WaitReadyAsync"/>. Stops the election (leaving the group, so another
/// instance takes over at once) and the store on shutdown.
/// </summary>
public sealed class SchemaRegistryLifecycle : IHostedService
{
    private readonly SchemaRegistryOptions _options;
    private readonly KafkaStore _store;
    private readonly LeaderElector _elector;
    private readonly KafkaSchemaRegistry _registry;
    private readonly IServer _server;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly TaskCompletionSource<KafkaSchemaRegistry> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private Task _init = Task.CompletedTask;

    public SchemaRegistryLifecycle(SchemaRegistryOptions options, KafkaStore store, LeaderElector elector, KafkaSchemaRegistry registry, IServer server, IHostApplicationLifetime lifetime, ILoggerFactory loggers)
    {
        _options = options;
        _store = store;
        _elector = elector;
        _registry = registry;
        _server = server;
        _lifetime = lifetime;
        Log = loggers.CreateLogger("Pipeline.SchemaRegistry");
    }

    public ILogger Log { get; }

    /// <summary>Completes when the store is loaded and the election joined; faults when the start failed.</summary>
    public Task<KafkaSchemaRegistry> Ready => _ready.Task;

    /// <summary>The Kafka cluster id of the store's broker (GET /v1/metadata/id).</summary>
    public string? KafkaClusterId { get; private set; }

    /// <summary>This instance's advertised URL.</summary>
    public string? Url => _elector.Self?.Url;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _lifetime.ApplicationStarted.Register(() => _init = Task.Run(InitAsync));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _init.ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Already reported through Ready.
        }

        await _elector.DisposeAsync().ConfigureAwait(false);
        await _store.DisposeAsync().ConfigureAwait(false);
        _ready.TrySetCanceled(CancellationToken.None);
    }

    public async Task<KafkaSchemaRegistry> WaitReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _ready.Task.WaitAsync(_options.InitTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw RegistryErrors.Timeout("The schema registry is still loading its store");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw RegistryErrors.Store("The schema registry could not start: " + (_ready.Task.Exception?.InnerException?.Message ?? e.Message));
        }
    }

    private async Task InitAsync()
    {
        try
        {
            await _store.StartAsync(_stopping.Token).ConfigureAwait(false);
            await using (var admin = new AdminClient(AdminClientOptions.Default with { BootstrapServers = _options.BootstrapServers, ClientId = "schema-registry-admin" }))
            {
                KafkaClusterId = (await admin.DescribeClusterAsync(cancellationToken: _stopping.Token).ConfigureAwait(false)).ClusterId;
            }

            _elector.Start(new SchemaRegistryIdentity(_options.AdvertisedHost(), BoundPort(), _options.LeaderEligibility, _options.InterInstanceProtocol));
            _ready.TrySetResult(_registry);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _ready.TrySetException(e);
        }
    }

    /// <summary>The first listener's port, or the port the server bound when it asked for 0.</summary>
    private int BoundPort()
    {
        var configured = _options.Listeners[0];
        if (configured.Port != 0)
        {
            return configured.Port;
        }

        var addresses = _server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            if (Uri.TryCreate(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri) && uri.Scheme == configured.Scheme)
            {
                return uri.Port;
            }
        }

        throw new InvalidOperationException("cannot tell which port the schema registry listener bound");
    }
}
