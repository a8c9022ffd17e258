using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Broker.Coordinators.ProducerIds;
using Pipeline.Broker.Network;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;

namespace Pipeline.Broker.Handlers;

/// <summary>
/// InitProducerId (22), v0-v5: a producer id and epoch for an idempotent producer (no
/// <c>transactional.id</c>: a new id at epoch 0) or for a transactional one (its id, epoch bumped
/// to fence the previous instance); the rules are <see cref="ProducerIdCoordinator"/>'s. v3+ may
/// carry the caller's current id and epoch (KIP-360); giving only one of them is INVALID_REQUEST.
/// PRODUCER_FENCED is sent as INVALID_PRODUCER_EPOCH below v4, which older clients understand.
/// Errors answer producer id -1 and epoch -1.
/// </summary>
internal sealed class InitProducerIdHandler
{
    private readonly ProducerIdCoordinator _coordinator;

    public InitProducerIdHandler(ProducerIdCoordinator coordinator)
    {
        _coordinator = coordinator;
    }

    public InitProducerIdHandler(BrokerServices broker, ILogger? log = null)
        : this(Create(broker, log ?? NullLogger.Instance))
    {
    }

    public ProducerIdCoordinator Coordinator => _coordinator;

    public IResponseMessage Handle(RequestContext context, InitProducerIdRequest request)
    {
        InitProducerIdResult result;
        if ((request.ProducerId == -1) != (request.ProducerEpoch == -1))
        {
            result = InitProducerIdResult.Failed(ErrorCode.InvalidRequest);
        }
        else
        {
            try
            {
                result = _coordinator.InitProducerId(request.TransactionalId, request.TransactionTimeoutMs, request.ProducerId, request.ProducerEpoch);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException)
            {
                // The reservation of ids or the transactional id could not be saved.
                result = InitProducerIdResult.Failed(ErrorCode.UnknownServerError);
            }
        }

        var error = result.Error == ErrorCode.ProducerFenced && context.ApiVersion < 4 ? ErrorCode.InvalidProducerEpoch : result.Error;
        return new InitProducerIdResponse
        {
            ErrorCode = (short)error,
            ProducerId = result.ProducerId,
            ProducerEpoch = result.ProducerEpoch,
        };
    }

    private static ProducerIdCoordinator Create(BrokerServices broker, ILogger log)
    {
        var config = broker.Config;
        var dir = config.LogDirs[0];
        return new ProducerIdCoordinator(
            new ProducerIdManager(dir),
            new TransactionalIdStore(dir, config.GetLong("transactional.id.expiration.ms"), broker.NowMs),
            config.GetInt("transaction.max.timeout.ms"),
            broker.Time,
            log);
    }
}
