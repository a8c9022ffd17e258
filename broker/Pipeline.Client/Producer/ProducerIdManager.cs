using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Pipeline.Client.Config;
using Pipeline.Client.Network;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;

namespace Pipeline.Client.Producer;

/// <summary>
/// Gets the idempotent producer its id (InitProducerId without a transactional id, from any
/// broker) and bumps its epoch when <see cref="IdempotenceState.EpochBumpNeeded"/>: with
/// InitProducerId v3+ by presenting the current id and epoch (KIP-360), on older brokers by
/// taking a new id. A broker without InitProducerId makes the producer unusable
/// (<see cref="FatalError"/>), as with Kafka's client. Runs on the sender loop.
/// </summary>
internal sealed class ProducerIdManager
{
    private readonly IdempotenceState _state;
    private readonly ConnectionManager _connections;
    private readonly ProducerOptions _options;
    private readonly ILogger _log;
    private long _notBefore;
    private int _failures;
    private volatile KafkaException? _fatal;

    public ProducerIdManager(IdempotenceState state, ConnectionManager connections, ProducerOptions options, ILogger log)
    {
        _state = state;
        _connections = connections;
        _options = options;
        _log = log;
    }

    public KafkaException? FatalError => _fatal;

    public void SetFatal(KafkaException error) => _fatal ??= error;

    public bool IsReady(int inFlight) => _state.HasProducerId && !_state.EpochBumpNeeded;

    /// <summary>
    /// One attempt. Returns zero when done (or fatal), the time to wait before the next attempt,
    /// or <see cref="Timeout.InfiniteTimeSpan"/> while an epoch bump waits for requests in flight.
    /// </summary>
    public async Task<TimeSpan> EnsureAsync(int inFlight, CancellationToken cancellationToken)
    {
        if (_state.HasProducerId && _state.EpochBumpNeeded && inFlight > 0)
        {
            return Timeout.InfiniteTimeSpan;
        }

        var wait = _notBefore - Stopwatch.GetTimestamp();
        if (wait > 0)
        {
            return Clock.Span(wait);
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.RequestTimeout + _options.SocketConnectionSetupTimeout);
            var connection = await _connections.GetAnyAsync(timeout.Token).ConfigureAwait(false);
            var version = connection.Versions.Pick(ApiKey.InitProducerId);
            if (version < 0)
            {
                SetFatal(new KafkaException(ErrorCode.UnsupportedVersion,
                    "the broker does not support InitProducerId, which the idempotent producer needs (set enable.idempotence=false)"));
                return TimeSpan.Zero;
            }

            var bump = _state.HasProducerId && version >= 3;
            var request = new InitProducerIdRequest
            {
                TransactionalId = null,
                TransactionTimeoutMs = 60000,
                ProducerId = bump ? _state.ProducerId : -1,
                ProducerEpoch = bump ? _state.Epoch : (short)-1,
            };
            var response = await connection.SendAsync<InitProducerIdResponse>(request, version, cancellationToken: timeout.Token).ConfigureAwait(false);
            var error = (ErrorCode)response.ErrorCode;
            if (error == ErrorCode.None)
            {
                _state.SetProducerId(response.ProducerId, response.ProducerEpoch);
                _failures = 0;
                ClientLog.ProducerIdAssigned(_log, response.ProducerId, response.ProducerEpoch);
                return TimeSpan.Zero;
            }

            if (bump && error is ErrorCode.InvalidProducerEpoch or ErrorCode.ProducerFenced or ErrorCode.InvalidProducerIdMapping)
            {
                // The broker does not know our identity any more: start over with a new one.
                _state.SetProducerId(-1, -1);
                _state.RequestEpochBump();
                return Backoff("InitProducerId " + ErrorCodes.Name(error));
            }

            if (!ErrorCodes.IsRetriable(error) && error is not ErrorCode.CoordinatorNotAvailable and not ErrorCode.NotCoordinator)
            {
                SetFatal(new KafkaException(error, "InitProducerId failed"));
                return TimeSpan.Zero;
            }

            return Backoff(ErrorCodes.Name(error));
        }
        catch (Exception e) when (e is KafkaException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return Backoff(e.Message);
        }
    }

    private TimeSpan Backoff(string reason)
    {
        ClientLog.InitProducerIdFailed(_log, reason);
        _failures++;
        var ms = Math.Min(_options.RetryBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(_failures - 1, 20)), Math.Max(_options.RetryBackoff.TotalMilliseconds, _options.RetryBackoffMax.TotalMilliseconds));
        var span = TimeSpan.FromMilliseconds(ms);
        _notBefore = Stopwatch.GetTimestamp() + Clock.Ticks(span);
        return span;
    }
}
