using Microsoft.Extensions.Logging;
using Pipeline.Connect.Runtime.Herder;

namespace Pipeline.Connect.Runtime.Rest;

/// <summary>
/// What every endpoint of one server shares. The herder is attached once the worker has built it
/// (its id needs the listener's bound port); until then requests answer 503. Written by the host
/// thread once, read by request threads.
/// </summary>
internal sealed class ConnectRestState(ConnectRestOptions options, LoggerLevels loggers, HttpClient forwarding, ILogger log)
{
    private volatile IHerder? _herder;

    public ConnectRestOptions Options { get; } = options;

    public LoggerLevels Loggers { get; } = loggers;

    public HttpClient Forwarding { get; } = forwarding;

    public ILogger Log { get; } = log;

    public IHerder? Herder => _herder;

    public void Attach(IHerder herder)
    {
        ArgumentNullException.ThrowIfNull(herder);
        if (Interlocked.CompareExchange(ref _herder, herder, null) is not null)
        {
            throw new InvalidOperationException("a herder is already attached");
        }
    }
}
