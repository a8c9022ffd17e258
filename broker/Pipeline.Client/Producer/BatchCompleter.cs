using Microsoft.Extensions.Logging;
using Pipeline.Client.Config;
using Pipeline.Client.Metadata;
using Pipeline.Protocol;

namespace Pipeline.Client.Producer;

/// <summary>
/// Decides what a partition's answer means for its batch (Kafka's Sender.completeBatch): done,
/// retried (back in its queue, in sequence order, after an exponential backoff), or failed; and
/// what it means for the idempotent producer (a sequence gap or a lost producer id needs an epoch
/// bump, KIP-360) and for metadata (a moved leader). Runs on the sender loop.
/// </summary>
internal sealed class BatchCompleter
{
    private readonly ProducerOptions _options;
    private readonly RecordAccumulator _accumulator;
    private readonly MetadataManager _metadata;
    private readonly IdempotenceState _idempotence;
    private readonly BatchDrainer _drainer;
    private readonly IDeliveryHandler _delivery;
    private readonly ILogger _log;

    public BatchCompleter(ProducerOptions options, RecordAccumulator accumulator, MetadataManager metadata, IdempotenceState idempotence,
        BatchDrainer drainer, IDeliveryHandler delivery, ILogger log)
    {
        _options = options;
        _accumulator = accumulator;
        _metadata = metadata;
        _idempotence = idempotence;
        _drainer = drainer;
        _delivery = delivery;
        _log = log;
    }

    public void Handle(ProducerBatch batch, KafkaError error, long baseOffset, long logAppendTime, long now)
    {
        var state = _idempotence.For(batch.TopicPartition);
        if (!error.IsError || (error.Code == ErrorCode.DuplicateSequenceNumber && _idempotence.Enabled))
        {
            if (batch.HasSequence)
            {
                state.LastAckedSequence = batch.LastSequence;
            }

            Complete(batch, error.IsError ? -1 : baseOffset, logAppendTime);
            return;
        }

        var retriable = ErrorCodes.IsRetriable(error.Code);
        if (_idempotence.Enabled && batch.HasSequence)
        {
            switch (error.Code)
            {
                case ErrorCode.OutOfOrderSequenceNumber when batch.BaseSequence != state.ExpectedSequence:
                    // An earlier batch of this partition failed; this one is resent after it.
                    retriable = true;
                    break;
                case ErrorCode.OutOfOrderSequenceNumber:
                case ErrorCode.InvalidProducerEpoch:
                case ErrorCode.ProducerFenced:
                    ClientLog.EpochBump(_log, error.ToString(), batch.TopicPartition.ToString());
                    _idempotence.RequestEpochBump();
                    break;
                case ErrorCode.UnknownProducerId:
                    // The broker lost our state (retention removed our last writes): new epoch, sequences from 0, resend.
                    ClientLog.EpochBump(_log, error.ToString(), batch.TopicPartition.ToString());
                    _idempotence.RequestEpochBump();
                    retriable = true;
                    break;
            }
        }

        if (ProduceRequests.InvalidatesMetadata(error.Code))
        {
            _metadata.RequestUpdate();
        }

        if (retriable && batch.Attempts < _options.Retries && !_drainer.IsDeliveryExpired(batch, now))
        {
            batch.Attempts++;
            batch.RetryNotBefore = now + Clock.Ticks(RetryBackoff(batch.Attempts));
            ClientLog.ProduceRetry(_log, batch.TopicPartition.ToString(), error.ToString(), batch.Attempts);
            _drainer.Reenqueue(batch);
            return;
        }

        if (batch.HasSequence)
        {
            // Its sequence numbers are now a gap the broker will never fill.
            _idempotence.RequestEpochBump();
        }

        var status = error.Code is ErrorCode.NetworkException or ErrorCode.RequestTimedOut ? PersistenceStatus.PossiblyPersisted : PersistenceStatus.NotPersisted;
        Fail(batch, error, status);
    }

    public void Complete(ProducerBatch batch, long baseOffset, long logAppendTime)
    {
        batch.Complete(_delivery, baseOffset, logAppendTime, KafkaError.None, PersistenceStatus.Persisted);
        _accumulator.Completed(batch);
    }

    public void Fail(ProducerBatch batch, KafkaError error, PersistenceStatus status)
    {
        batch.Complete(_delivery, -1, -1, error, status);
        _accumulator.Completed(batch);
    }

    /// <summary>retry.backoff.ms doubled per attempt up to retry.backoff.max.ms, with +-20% jitter (KIP-580).</summary>
    private TimeSpan RetryBackoff(int attempts)
    {
        var ms = Math.Min(_options.RetryBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(attempts - 1, 20)),
            Math.Max(_options.RetryBackoff.TotalMilliseconds, _options.RetryBackoffMax.TotalMilliseconds));
        return TimeSpan.FromMilliseconds(ms * (0.8 + (Random.Shared.NextDouble() * 0.4)));
    }
}
