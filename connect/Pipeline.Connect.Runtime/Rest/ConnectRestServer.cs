using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Connect.Runtime.Herder;

namespace Pipeline.Connect.Runtime.Rest;

/// <summary>
/// The Kafka Connect REST API of one worker on its own Kestrel listeners. Start it first (a port-0
/// listener's real port is part of the worker id and the URL other workers forward to), build the
/// herder with <see cref="WorkerId"/> and <see cref="AdvertisedUrl"/>, then <see cref="Attach"/> it:
/// until then every herder endpoint answers 503 and <c>/health</c> says "starting". The server does
/// not own the herder: dispose the server first, then the herder.
/// </summary>
public sealed class ConnectRestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConnectRestState _state;

    private ConnectRestServer(WebApplication app, ConnectRestState state, IReadOnlyList<string> urls, string advertisedHost, int advertisedPort)
    {
        _app = app;
        _state = state;
        Urls = urls;
        WorkerId = $"{advertisedHost}:{advertisedPort.ToString(CultureInfo.InvariantCulture)}";
        AdvertisedUrl = $"http://{(advertisedHost.Contains(':') ? $"[{advertisedHost}]" : advertisedHost)}:{advertisedPort.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>The addresses Kestrel bound (real ports).</summary>
    public IReadOnlyList<string> Urls { get; }

    /// <summary>"host:port": the worker id Kafka shows in status answers.</summary>
    public string WorkerId { get; }

    /// <summary>"http://host:port": where other workers (and users) reach this worker.</summary>
    public string AdvertisedUrl { get; }

    /// <summary>The log levels <c>/admin/loggers</c> reads and sets.</summary>
    public LoggerLevels Loggers => _state.Loggers;

    public IHerder? Herder => _state.Herder;

    /// <summary>Binds the listeners and starts serving (503 until a herder is attached).</summary>
    public static async Task<ConnectRestServer> StartAsync(ConnectRestOptions options, ILoggerFactory? loggers = null, LoggerLevels? levels = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        loggers ??= NullLoggerFactory.Instance;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.WebHost.UseKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            foreach (var listener in options.Listeners)
            {
                if (listener.Scheme != "http")
                {
                    throw new FormatException($"listeners: {listener} uses {listener.Scheme}; only http listeners are supported");
                }

                if (listener.Host.Length == 0)
                {
                    k.ListenAnyIP(listener.Port);
                }
                else
                {
                    k.Listen(Address(listener.Host), listener.Port);
                }
            }
        });

        var forwarding = new HttpClient { Timeout = options.RequestTimeout };
        var state = new ConnectRestState(options, levels ?? new LoggerLevels(), forwarding, loggers.CreateLogger("Pipeline.Connect.Runtime.Rest"));
        var app = builder.Build();
        app.Use(RestPipeline.StatusBodiesAsync);
        RootEndpoints.Map(app, state);
        ConnectorsEndpoints.Map(app, state);
        TasksEndpoints.Map(app, state);
        OffsetsEndpoints.Map(app, state);
        PluginsEndpoints.Map(app, state);
        if (options.AdminEnabled)
        {
            LoggersEndpoints.Map(app, state);
        }

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var urls = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];
            var (host, port) = Advertised(options, urls);
            var server = new ConnectRestServer(app, state, urls, host, port);
            ConnectRestLog.Listening(state.Log, string.Join(", ", urls), server.AdvertisedUrl);
            return server;
        }
        catch
        {
            forwarding.Dispose();
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts serving the herder's endpoints; call once, after the herder is built.</summary>
    public void Attach(IHerder herder) => _state.Attach(herder);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            _state.Forwarding.Dispose();
        }
    }

    private static (string Host, int Port) Advertised(ConnectRestOptions options, string[] boundUrls)
    {
        var listener = options.Listeners[0];
        if (options.AdvertisedListener is { } scheme)
        {
            listener = options.Listeners.FirstOrDefault(l => l.Scheme == scheme) ?? listener;
        }

        var port = options.AdvertisedPort ?? (listener.Port != 0 ? listener.Port : BoundPort(listener, boundUrls));
        var host = options.AdvertisedHostName;
        if (string.IsNullOrEmpty(host))
        {
            host = listener.Host is "" or "0.0.0.0" or "::" ? Dns.GetHostName() : listener.Host;
        }

        return (host, port);
    }

    private static int BoundPort(RestListener listener, string[] boundUrls)
    {
        foreach (var address in boundUrls)
        {
            var normalized = address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal);
            if (Uri.TryCreate(normalized, UriKind.Absolute, out var uri) && uri.Scheme == listener.Scheme)
            {
                return uri.Port;
            }
        }

        throw new InvalidOperationException("cannot tell which port the Connect REST listener bound");
    }

    private static IPAddress Address(string host) => host switch
    {
        "0.0.0.0" => IPAddress.Any,
        "::" => IPAddress.IPv6Any,
        "localhost" => IPAddress.Loopback,
        _ => IPAddress.TryParse(host, out var ip) ? ip : Dns.GetHostAddresses(host)[0],
    };
}
