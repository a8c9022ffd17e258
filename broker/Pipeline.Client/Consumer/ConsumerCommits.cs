using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Pipeline.Client.Config;
using Pipeline.Client.Group;
using Pipeline.Protocol;

namespace Pipeline.Client.Consumer;

/// <summary>
/// The consumer's offsets to commit: what is stored per partition (enable.auto.offset.store, or
/// StoreOffset), explicit commits, and enable.auto.commit: every auto.commit.interval.ms from the
/// poll (asynchronously, one at a time), and synchronously before partitions are revoked and on
/// close, so that whatever the application consumed is committed before someone else reads it.
/// <para>Threads: the application thread; auto-commit completions on the pool (errors are queued
/// for the application's error handler).</para>
/// </summary>
internal sealed class ConsumerCommits
{
    private readonly ConsumerOptions _options;
    private readonly SubscriptionState _subscriptions;
    private readonly OffsetCommitter? _committer;
    private readonly ILogger _log;
    private readonly string _name;
    private long _nextAutoCommit;
    private Task? _autoCommit;

    public ConsumerCommits(ConsumerOptions options, SubscriptionState subscriptions, OffsetCommitter? committer, ILogger log, string name)
    {
        _options = options;
        _subscriptions = subscriptions;
        _committer = committer;
        _log = log;
        _name = name;
        ScheduleAutoCommit();
    }

    /// <summary>Failures of background commits, for the application's error handler.</summary>
    public ConcurrentQueue<KafkaError> Errors { get; } = new();

    public bool AutoCommitDue => _options.EnableAutoCommit && Stopwatch.GetTimestamp() >= Volatile.Read(ref _nextAutoCommit);

    /// <summary>The stored offsets of the assigned partitions (only those not committed yet when <paramref name="changedOnly"/>).</summary>
    public List<TopicPartitionOffset> Stored(bool changedOnly)
    {
        var list = new List<TopicPartitionOffset>();
        lock (_subscriptions.Gate)
        {
            foreach (var p in _subscriptions.Partitions)
            {
                if (p.StoredOffset >= 0 && (!changedOnly || p.StoredOffset != p.LastCommitted))
                {
                    list.Add(new TopicPartitionOffset(p.TopicPartition, p.StoredOffset, p.StoredLeaderEpoch));
                }
            }
        }

        return list;
    }

    public void Store(TopicPartitionOffset offset)
    {
        lock (_subscriptions.Gate)
        {
            if (!_subscriptions.TryGet(offset.TopicPartition, out var state))
            {
                throw new KafkaException(ErrorCode.UnknownTopicOrPartition, $"cannot store an offset for {offset.TopicPartition}: it is not assigned to this consumer");
            }

            state.StoredOffset = offset.Offset;
            state.StoredLeaderEpoch = offset.LeaderEpoch;
        }
    }

    public async Task CommitAsync(IReadOnlyList<TopicPartitionOffset> offsets, Deadline deadline, bool retry, CancellationToken cancellationToken)
    {
        if (_committer is null)
        {
            throw new KafkaException(ErrorCode.InvalidGroupId, "offsets cannot be committed without a group.id");
        }

        foreach (var o in offsets)
        {
            if (o.Offset < 0)
            {
                throw new ArgumentException($"cannot commit offset {o.Offset} for {o.TopicPartition}", nameof(offsets));
            }
        }

        await _committer.CommitAsync(offsets, deadline, retry, cancellationToken).ConfigureAwait(false);
        lock (_subscriptions.Gate)
        {
            foreach (var o in offsets)
            {
                if (_subscriptions.TryGet(o.TopicPartition, out var state))
                {
                    state.LastCommitted = o.Offset;
                }
            }
        }
    }

    /// <summary>Called from each poll: starts an asynchronous commit of the changed stored offsets when the interval has passed.</summary>
    public void MaybeAutoCommit()
    {
        if (!AutoCommitDue || _committer is null || _autoCommit is { IsCompleted: false })
        {
            return;
        }

        ScheduleAutoCommit();
        var offsets = Stored(changedOnly: true);
        if (offsets.Count > 0)
        {
            _autoCommit = AutoCommitAsync(offsets);
        }
    }

    /// <summary>A synchronous commit of everything consumed (before a rebalance, on close); failures are logged and queued, not thrown.</summary>
    public async Task CommitConsumedAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!_options.EnableAutoCommit || _committer is null)
        {
            return;
        }

        var offsets = Stored(changedOnly: true);
        if (offsets.Count == 0)
        {
            return;
        }

        try
        {
            await CommitAsync(offsets, Deadline.After(timeout), retry: true, cancellationToken).ConfigureAwait(false);
            ScheduleAutoCommit();
        }
        catch (KafkaException e)
        {
            ConsumerLog.CommitFailed(_log, _name, e.Message);
            Errors.Enqueue(e.Error);
        }
    }

    private async Task AutoCommitAsync(List<TopicPartitionOffset> offsets)
    {
        try
        {
            await CommitAsync(offsets, Deadline.After(_options.RequestTimeout), retry: false, CancellationToken.None).ConfigureAwait(false);
        }
        catch (KafkaException e)
        {
            ConsumerLog.CommitFailed(_log, _name, e.Message);
            Errors.Enqueue(e.Error);
        }
    }

    private void ScheduleAutoCommit() =>
        Volatile.Write(ref _nextAutoCommit, Stopwatch.GetTimestamp() + (long)(_options.AutoCommitInterval.TotalSeconds * Stopwatch.Frequency));
}
