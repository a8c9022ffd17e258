using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Pipeline.Client.Config;
using Pipeline.Client.Metadata;
using Pipeline.Protocol;

namespace Pipeline.Client.Consumer;

/// <summary>
/// The application's rebalance handlers (Confluent's shapes) and the assignment changes they sit
/// around: revoked and lost handlers see the partitions still assigned, with their positions;
/// the assigned handler sees them already added and may return start offsets (or seek).
/// A handler's exception is rethrown from the Consume that ran it, after the change is complete.
/// </summary>
internal sealed class RebalanceHandlers<TKey, TValue> : IRebalanceListener
{
    private readonly IConsumer<TKey, TValue> _consumer;
    private readonly ConsumerOptions _options;
    private readonly SubscriptionState _subscriptions;
    private readonly MetadataManager _metadata;
    private readonly ConsumerCommits _commits;
    private readonly Action _wakeFetcher;
    private readonly ILogger _log;

    public RebalanceHandlers(IConsumer<TKey, TValue> consumer, ConsumerOptions options, SubscriptionState subscriptions, MetadataManager metadata, ConsumerCommits commits,
        Action wakeFetcher, ILogger log)
    {
        _consumer = consumer;
        _options = options;
        _subscriptions = subscriptions;
        _metadata = metadata;
        _commits = commits;
        _wakeFetcher = wakeFetcher;
        _log = log;
    }

    public Func<IConsumer<TKey, TValue>, List<TopicPartition>, IEnumerable<TopicPartitionOffset>?>? Assigned { get; set; }

    public Action<IConsumer<TKey, TValue>, List<TopicPartitionOffset>>? Revoked { get; set; }

    public Action<IConsumer<TKey, TValue>, List<TopicPartitionOffset>>? Lost { get; set; }

    public Task CommitBeforeRebalanceAsync(CancellationToken cancellationToken) =>
        _commits.CommitConsumedAsync(_options.MaxPollInterval < _options.DefaultApiTimeout ? _options.MaxPollInterval : _options.DefaultApiTimeout, cancellationToken);

    public void Revoke(IReadOnlyList<TopicPartition> partitions, bool lost)
    {
        var withPositions = new List<TopicPartitionOffset>(partitions.Count);
        lock (_subscriptions.Gate)
        {
            foreach (var tp in partitions)
            {
                var position = _subscriptions.TryGet(tp, out var s) && s.HasValidPosition ? s.Position : Offset.Unset;
                withPositions.Add(new TopicPartitionOffset(tp, position));
            }
        }

        var text = string.Join(", ", partitions);
        if (lost)
        {
            ConsumerLog.Lost(_log, _consumer.Name, text);
        }
        else
        {
            ConsumerLog.Revoked(_log, _consumer.Name, text);
        }

        Exception? failure = null;
        try
        {
            // Without a lost handler, lost partitions go to the revoked one (as in Kafka and Confluent).
            var handler = lost ? Lost ?? Revoked : Revoked;
            handler?.Invoke(_consumer, withPositions);
        }
        catch (Exception e)
        {
            ConsumerLog.HandlerFailed(_log, _consumer.Name, e);
            failure = e;
        }
        finally
        {
            lock (_subscriptions.Gate)
            {
                _subscriptions.Remove(partitions);
            }
        }

        if (failure is not null)
        {
            ExceptionDispatchInfo.Capture(failure).Throw();
        }
    }

    public void Assign(IReadOnlyList<TopicPartition> partitions)
    {
        lock (_subscriptions.Gate)
        {
            _subscriptions.Add(partitions, PositionNeed.Committed, _options.AutoOffsetReset);
        }

        foreach (var topic in partitions.Select(p => p.Topic).Distinct(StringComparer.Ordinal))
        {
            _metadata.AddTopic(topic);
        }

        ConsumerLog.Assigned(_log, _consumer.Name, string.Join(", ", partitions));
        Exception? failure = null;
        try
        {
            if (Assigned?.Invoke(_consumer, [.. partitions]) is { } offsets)
            {
                foreach (var o in offsets)
                {
                    ApplyStartOffset(o);
                }
            }
        }
        catch (Exception e)
        {
            ConsumerLog.HandlerFailed(_log, _consumer.Name, e);
            failure = e;
        }

        _wakeFetcher();
        if (failure is not null)
        {
            ExceptionDispatchInfo.Capture(failure).Throw();
        }
    }

    /// <summary>Where an assigned partition starts: an offset, or a special value (Unset and Stored keep the committed-offset lookup).</summary>
    public void ApplyStartOffset(TopicPartitionOffset o)
    {
        lock (_subscriptions.Gate)
        {
            if (!_subscriptions.TryGet(o.TopicPartition, out var state))
            {
                return;
            }

            switch (o.Offset)
            {
                case >= 0:
                    state.MoveTo(o.Offset, o.LeaderEpoch);
                    break;
                case Offset.Beginning:
                    state.Require(PositionNeed.Reset, AutoOffsetReset.Earliest);
                    break;
                case Offset.End:
                    state.Require(PositionNeed.Reset, AutoOffsetReset.Latest);
                    break;
                default:
                    state.Require(PositionNeed.Committed, _options.AutoOffsetReset);
                    break;
            }
        }
    }
}
