using Microsoft.Extensions.Logging;
using Pipeline.Protocol;

namespace Pipeline.Broker.Coordinators.ProducerIds;

/// <summary>
/// InitProducerId's logic (Kafka's TransactionCoordinator.handleInitProducerId without the
/// transaction states, which arrive with transactions):
/// <list type="bullet">
/// <item>no <c>transactional.id</c> (idempotent producer): always a fresh producer id with epoch
/// 0; a KIP-360 request carrying the producer's current id and epoch gets a fresh id too, as
/// Kafka answers it (the old id's state on the partitions is never in the way);</item>
/// <item>with a <c>transactional.id</c>: the id keeps its producer id and each call bumps the
/// epoch, fencing the previous instance (its next produce gets INVALID_PRODUCER_EPOCH). A KIP-360
/// request must carry the current producer id (or the previous one with an exhausted epoch) and
/// the current epoch (a bump) or the last one (a retry whose answer was lost, answered again
/// without bumping); anything else is PRODUCER_FENCED. When the epoch is exhausted a new producer
/// id starts at epoch 0. The timeout must lie in (0, <c>transaction.max.timeout.ms</c>].</item>
/// </list>
/// Threads: request threads; transactional calls serialize on a lock (each ends with a durable write).
/// </summary>
public sealed class ProducerIdCoordinator
{
    private readonly Lock _lock = new();
    private readonly ProducerIdManager _ids;
    private readonly TransactionalIdStore _transactionalIds;
    private readonly TimeProvider _time;
    private readonly ILogger _log;

    public ProducerIdCoordinator(ProducerIdManager ids, TransactionalIdStore transactionalIds, int transactionMaxTimeoutMs, TimeProvider time, ILogger log)
    {
        _ids = ids;
        _transactionalIds = transactionalIds;
        TransactionMaxTimeoutMs = transactionMaxTimeoutMs;
        _time = time;
        _log = log;
    }

    public int TransactionMaxTimeoutMs { get; }

    public ProducerIdManager Ids => _ids;

    /// <param name="expectedProducerId">-1 unless the client asks for a KIP-360 bump of its current identity.</param>
    public InitProducerIdResult InitProducerId(string? transactionalId, int transactionTimeoutMs, long expectedProducerId, short expectedEpoch)
    {
        if (transactionalId is null)
        {
            return new InitProducerIdResult(ErrorCode.None, _ids.GenerateProducerId(), 0);
        }

        if (transactionalId.Length == 0)
        {
            return InitProducerIdResult.Failed(ErrorCode.InvalidRequest);
        }

        if (transactionTimeoutMs <= 0 || transactionTimeoutMs > TransactionMaxTimeoutMs)
        {
            return InitProducerIdResult.Failed(ErrorCode.InvalidTransactionTimeout);
        }

        lock (_lock)
        {
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            var known = _transactionalIds.TryGet(transactionalId, now, out var current);
            if (!known)
            {
                current = new TransactionalIdState(transactionalId, _ids.GenerateProducerId(), -1, -1, -1, transactionTimeoutMs, now);
            }

            var expected = expectedProducerId >= 0 ? (expectedProducerId, expectedEpoch) : ((long, short)?)null;
            var next = Transit(current, expected, transactionTimeoutMs, now);
            if (next is null)
            {
                ProducerIdsLog.Fenced(_log, transactionalId, expectedProducerId, expectedEpoch, current.ProducerId, current.ProducerEpoch);
                return InitProducerIdResult.Failed(ErrorCode.ProducerFenced);
            }

            _transactionalIds.Put(next, now);
            ProducerIdsLog.Initialized(_log, transactionalId, next.ProducerId, next.ProducerEpoch);
            return new InitProducerIdResult(ErrorCode.None, next.ProducerId, next.ProducerEpoch);
        }
    }

    // The new state, or null when the caller is fenced (Kafka's prepareInitProducerIdTransit for
    // a transactional id with no transaction in progress).
    private TransactionalIdState? Transit(TransactionalIdState current, (long Id, short Epoch)? expected, int timeoutMs, long now)
    {
        if (expected is { } e
            && current.ProducerEpoch != -1
            && e.Id != current.ProducerId
            && !(e.Id == current.PreviousProducerId && TransactionalIdState.IsEpochExhausted(e.Epoch)))
        {
            return null;
        }

        var updated = current with { PreviousProducerId = current.ProducerId, TransactionTimeoutMs = timeoutMs, LastUpdateMs = now };
        if (TransactionalIdState.IsEpochExhausted(current.ProducerEpoch) && (expected is null || expected.Value.Epoch == current.ProducerEpoch))
        {
            // No epoch left to fence with: continue under a new producer id.
            return updated with
            {
                ProducerId = _ids.GenerateProducerId(),
                ProducerEpoch = 0,
                LastProducerEpoch = expected is null ? (short)-1 : current.ProducerEpoch,
            };
        }

        if (expected is null)
        {
            return updated with { ProducerEpoch = (short)(current.ProducerEpoch + 1), LastProducerEpoch = -1 };
        }

        if (current.ProducerEpoch == -1 || expected.Value.Epoch == current.ProducerEpoch)
        {
            return updated with { ProducerEpoch = (short)(current.ProducerEpoch + 1), LastProducerEpoch = current.ProducerEpoch };
        }

        // A retry of a bump that succeeded but whose answer the producer never got.
        return expected.Value.Epoch == current.LastProducerEpoch ? updated : null;
    }
}
