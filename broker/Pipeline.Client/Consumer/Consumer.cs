using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Client.Config;
using Pipeline.Client.Consumer.Assignors;
using Pipeline.Client.Consumer.Fetching;
using Pipeline.Client.Group;
using Pipeline.Client.Metadata;
using Pipeline.Client.Network;
using Pipeline.Client.Serialization;
using Pipeline.Client.Threading;
using Pipeline.Protocol;

namespace Pipeline.Client.Consumer;

/// <summary>
/// The consumer. Collaborators: <see cref="SubscriptionState"/> (what is assigned, positions),
/// <see cref="Fetcher"/> (background fetches and position lookups), <see cref="RecordCollector{TKey, TValue}"/>
/// (records handed out on the caller's thread), <see cref="GroupMember"/> + <see cref="ConsumerCoordinator"/>
/// (group membership and rebalances, when subscribed), <see cref="ConsumerCommits"/> (stored and
/// committed offsets), <see cref="OffsetLookup"/> (ListOffsets).
/// <para>Threads: the application calls in from one thread at a time (Consume, and whatever its
/// rebalance handlers call); the fetcher, heartbeat and connection loops run on their own.</para>
/// </summary>
public sealed class Consumer<TKey, TValue> : IConsumer<TKey, TValue>
{
    private static int _instances;
    private readonly ConsumerOptions _options;
    private readonly ILogger _log;
    private readonly ConnectionManager _connections;
    private readonly MetadataManager _metadata;
    private readonly SubscriptionState _subscriptions = new();
    private readonly OffsetLookup _lookup;
    private readonly OffsetCommitter? _committer;
    private readonly ConsumerCommits _commits;
    private readonly Fetcher _fetcher;
    private readonly RecordCollector<TKey, TValue> _collector;
    private readonly RebalanceHandlers<TKey, TValue> _handlers;
    private readonly GroupMember? _member;
    private readonly PatternSubscription _pattern;
    private readonly AsyncSignal _signal = new();
    private long _seenMetadataVersion = -1;
    private int _closing;
    private volatile bool _closed;

    public Consumer(ConsumerOptions options, IDeserializer<TKey>? keyDeserializer = null, IDeserializer<TValue>? valueDeserializer = null,
        ILoggerFactory? loggerFactory = null, IEnumerable<IConsumerPartitionAssignor>? assignors = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        var keys = keyDeserializer ?? Deserializers.DefaultFor<TKey>() ?? throw new ArgumentException($"no built-in deserializer for {typeof(TKey).Name}: pass a key deserializer", nameof(keyDeserializer));
        var values = valueDeserializer ?? Deserializers.DefaultFor<TValue>() ?? throw new ArgumentException($"no built-in deserializer for {typeof(TValue).Name}: pass a value deserializer", nameof(valueDeserializer));
        Name = string.IsNullOrEmpty(options.ClientId) ? "consumer-" + Interlocked.Increment(ref _instances) : options.ClientId;
        _log = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Pipeline.Client.Consumer");
        var resolved = options.GroupId is null ? [] : ResolveAssignors(options, assignors);
        _connections = new ConnectionManager(options.BootstrapAddresses, ConnectionSettings.From(options with { ClientId = Name }), _log);
        _metadata = new MetadataManager(_connections, options.MetadataMaxAge, options.RetryBackoff, options.RetryBackoffMax, options.AllowAutoCreateTopics, topicMaxIdle: null, _log);
        _lookup = new OffsetLookup(_metadata, _connections, options.RetryBackoff);
        CoordinatorLink? link = null;
        if (options.GroupId is { } groupId)
        {
            link = new CoordinatorLink(_connections, groupId, options.RetryBackoff, _log);
            _committer = new OffsetCommitter(groupId, options.GroupInstanceId, link, options.RetryBackoff);
        }

        _commits = new ConsumerCommits(options, _subscriptions, _committer, _log, Name);
        _fetcher = new Fetcher(options, Name, _subscriptions, _metadata, _connections, _lookup, _committer, _signal.Set, _log);
        _collector = new RecordCollector<TKey, TValue>(options, _subscriptions, _fetcher.Completed, keys, values, _fetcher.Wake);
        _handlers = new RebalanceHandlers<TKey, TValue>(this, options, _subscriptions, _metadata, _commits, _fetcher.Wake, _log);
        if (options.GroupId is { } group)
        {
            var coordinator = new ConsumerCoordinator(options, _subscriptions, _metadata, resolved, _handlers);
            var membership = GroupMemberOptions.ForClient(options with { ClientId = Name }, group) with
            {
                GroupInstanceId = options.GroupInstanceId,
                SessionTimeout = options.SessionTimeout,
                HeartbeatInterval = options.HeartbeatInterval,
                RebalanceTimeout = options.MaxPollInterval,
            };
            _member = new GroupMember(membership, coordinator, _connections, link, _log) { Wakeup = _signal.Set };
            coordinator.Member = _member;
        }

        _pattern = new PatternSubscription(options, _subscriptions, _metadata, reason => _member?.RequestRejoin(reason), _log, Name);
        _connections.StateChanged = _fetcher.Wake;
        _metadata.Updated = _fetcher.Wake;
        _metadata.Start();
        _fetcher.Start();
    }

    public Consumer(IEnumerable<KeyValuePair<string, string>> config, IDeserializer<TKey>? keyDeserializer = null, IDeserializer<TValue>? valueDeserializer = null,
        ILoggerFactory? loggerFactory = null)
        : this(ConsumerOptions.FromConfig(config), keyDeserializer, valueDeserializer, loggerFactory)
    {
    }

    public string Name { get; }

    public ConsumerOptions Options => _options;

    public string MemberId => _member?.MemberId ?? "";

    public List<TopicPartition> Assignment
    {
        get
        {
            lock (_subscriptions.Gate)
            {
                return _subscriptions.AssignedPartitions();
            }
        }
    }

    public List<string> Subscription
    {
        get
        {
            lock (_subscriptions.Gate)
            {
                return [.. _subscriptions.SubscribedTopics.Order(StringComparer.Ordinal)];
            }
        }
    }

    internal RebalanceHandlers<TKey, TValue> Handlers => _handlers;

    internal Action<IConsumer<TKey, TValue>, KafkaError>? ErrorHandler { get; set; }

    public void Subscribe(string topic) => Subscribe([topic]);

    public void Subscribe(IEnumerable<string> topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        var list = topics.ToList();
        if (list.Count == 0)
        {
            Unsubscribe();
            return;
        }

        if (list.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Topic collection to subscribe to cannot contain null or empty topic", nameof(topics));
        }

        var member = RequireGroup();
        lock (_subscriptions.Gate)
        {
            _subscriptions.SubscribeTopics(list);
        }

        foreach (var t in list)
        {
            _metadata.AddTopic(t);
        }

        _committer!.Member = member;
        member.RequestRejoin("the subscription changed");
    }

    public void Subscribe(Regex pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var member = RequireGroup();
        lock (_subscriptions.Gate)
        {
            _subscriptions.SubscribePattern(pattern);
        }

        _pattern.Reset();
        _committer!.Member = member;
        member.RequestRejoin("the subscription changed");
    }

    public void Unsubscribe()
    {
        ThrowIfClosed();
        if (_subscriptions.UsesGroup && _member is not null)
        {
            Wait(LeaveGroupAsync("the consumer unsubscribed from all topics"));
        }

        lock (_subscriptions.Gate)
        {
            _subscriptions.RemoveAll();
            _subscriptions.Clear();
        }

        if (_committer is not null)
        {
            _committer.Member = null;
        }
    }

    public void Assign(TopicPartition partition) => Assign([partition]);

    public void Assign(IEnumerable<TopicPartition> partitions) => Assign(partitions.Select(p => new TopicPartitionOffset(p, Offset.Unset)));

    public void Assign(IEnumerable<TopicPartitionOffset> partitions)
    {
        ThrowIfClosed();
        var list = partitions.ToList();
        lock (_subscriptions.Gate)
        {
            // One step under the gate, so that the fetcher never looks up a position about to be given.
            _subscriptions.AssignManually();
            var wanted = list.Select(p => p.TopicPartition).ToHashSet();
            _subscriptions.Remove(_subscriptions.AssignedPartitions().Where(p => !wanted.Contains(p)));
            _subscriptions.Add(wanted, PositionNeed.Committed, _options.AutoOffsetReset);
            foreach (var p in list)
            {
                if (p.Offset != Offset.Unset)
                {
                    _handlers.ApplyStartOffset(p);
                }
            }
        }

        foreach (var topic in list.Select(p => p.Topic).Distinct(StringComparer.Ordinal))
        {
            _metadata.AddTopic(topic);
        }

        if (_committer is not null)
        {
            _committer.Member = null;
        }

        _fetcher.Wake();
    }

    public void Unassign()
    {
        ThrowIfClosed();
        lock (_subscriptions.Gate)
        {
            if (_subscriptions.Kind == SubscriptionKind.Manual)
            {
                _subscriptions.RemoveAll();
                _subscriptions.Clear();
            }
        }
    }

    public ConsumeResult<TKey, TValue>? Consume(int millisecondsTimeout) => Consume(TimeSpan.FromMilliseconds(millisecondsTimeout));

    public ConsumeResult<TKey, TValue>? Consume(TimeSpan timeout)
    {
        if (TryConsumeNow(out var result))
        {
            return result;
        }

        return Wait(ConsumeCoreAsync(Deadline.After(timeout), CancellationToken.None));
    }

    public ConsumeResult<TKey, TValue> Consume(CancellationToken cancellationToken = default)
    {
        if (TryConsumeNow(out var result))
        {
            return result!;
        }

        return Wait(ConsumeCoreAsync(Deadline.Infinite, cancellationToken))!;
    }

    public ValueTask<ConsumeResult<TKey, TValue>?> ConsumeAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        TryConsumeNow(out var result) ? new ValueTask<ConsumeResult<TKey, TValue>?>(result) : ConsumeCoreAsync(Deadline.After(timeout), cancellationToken);

    public List<TopicPartitionOffset> Commit()
    {
        ThrowIfClosed();
        var offsets = _commits.Stored(changedOnly: false);
        Wait(_commits.CommitAsync(offsets, Deadline.After(_options.DefaultApiTimeout), retry: true, CancellationToken.None));
        return offsets;
    }

    public void Commit(IEnumerable<TopicPartitionOffset> offsets)
    {
        ThrowIfClosed();
        Wait(_commits.CommitAsync([.. offsets], Deadline.After(_options.DefaultApiTimeout), retry: true, CancellationToken.None));
    }

    public void Commit(ConsumeResult<TKey, TValue> result) => Commit([new TopicPartitionOffset(result.TopicPartition, result.Offset + 1, result.LeaderEpoch)]);

    public async Task<List<TopicPartitionOffset>> CommitAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfClosed();
        var offsets = _commits.Stored(changedOnly: false);
        await _commits.CommitAsync(offsets, Deadline.After(_options.DefaultApiTimeout), retry: true, cancellationToken).ConfigureAwait(false);
        return offsets;
    }

    public Task CommitAsync(IEnumerable<TopicPartitionOffset> offsets, CancellationToken cancellationToken = default)
    {
        ThrowIfClosed();
        return _commits.CommitAsync([.. offsets], Deadline.After(_options.DefaultApiTimeout), retry: true, cancellationToken);
    }

    public void StoreOffset(ConsumeResult<TKey, TValue> result) => StoreOffset(new TopicPartitionOffset(result.TopicPartition, result.Offset + 1, result.LeaderEpoch));

    public void StoreOffset(TopicPartitionOffset offset) => _commits.Store(offset);

    public List<TopicPartitionOffset> Committed(TimeSpan timeout) => Committed(Assignment, timeout);

    public List<TopicPartitionOffset> Committed(IEnumerable<TopicPartition> partitions, TimeSpan timeout)
    {
        ThrowIfClosed();
        if (_committer is null)
        {
            throw new KafkaException(ErrorCode.InvalidGroupId, "committed offsets need a group.id");
        }

        var list = partitions.ToList();
        var found = Wait(_committer.FetchAsync(list, Deadline.After(timeout), CancellationToken.None));
        return list.ConvertAll(p => found.TryGetValue(p, out var o) && o is { } c ? c : new TopicPartitionOffset(p, Offset.Unset));
    }

    public long Position(TopicPartition partition)
    {
        lock (_subscriptions.Gate)
        {
            var state = _subscriptions.GetAssigned(partition);
            return state.HasValidPosition ? state.Position : Offset.Unset;
        }
    }

    public void Seek(TopicPartitionOffset offset)
    {
        ThrowIfClosed();
        lock (_subscriptions.Gate)
        {
            _subscriptions.GetAssigned(offset.TopicPartition);
        }

        _handlers.ApplyStartOffset(offset.Offset == Offset.Unset ? offset with { Offset = Offset.Stored } : offset);
        _fetcher.Wake();
    }

    public void SeekToBeginning(IEnumerable<TopicPartition> partitions) => SeekAll(partitions, Offset.Beginning);

    public void SeekToEnd(IEnumerable<TopicPartition> partitions) => SeekAll(partitions, Offset.End);

    public List<TopicPartitionOffset> OffsetsForTimes(IEnumerable<TopicPartitionTimestamp> timestamps, TimeSpan timeout)
    {
        ThrowIfClosed();
        var asked = timestamps.ToList();
        var found = Wait(_lookup.ListAsync(asked.ToDictionary(t => t.TopicPartition, t => t.Timestamp.UnixTimestampMs), _options.IsolationLevel, Deadline.After(timeout), CancellationToken.None));
        return asked.ConvertAll(t => new TopicPartitionOffset(t.TopicPartition, found[t.TopicPartition].Offset, found[t.TopicPartition].LeaderEpoch));
    }

    public WatermarkOffsets GetWatermarkOffsets(TopicPartition partition)
    {
        lock (_subscriptions.Gate)
        {
            return _subscriptions.TryGet(partition, out var s) && s.HighWatermark >= 0
                ? new WatermarkOffsets(s.LogStartOffset, s.HighWatermark)
                : new WatermarkOffsets(Offset.Unset, Offset.Unset);
        }
    }

    public WatermarkOffsets QueryWatermarkOffsets(TopicPartition partition, TimeSpan timeout)
    {
        ThrowIfClosed();
        var deadline = Deadline.After(timeout);
        var low = Wait(_lookup.ListAsync(new Dictionary<TopicPartition, long> { [partition] = OffsetLookup.Earliest }, IsolationLevel.ReadUncommitted, deadline, CancellationToken.None));
        var high = Wait(_lookup.ListAsync(new Dictionary<TopicPartition, long> { [partition] = OffsetLookup.Latest }, IsolationLevel.ReadUncommitted, deadline, CancellationToken.None));
        return new WatermarkOffsets(low[partition].Offset, high[partition].Offset);
    }

    public void Pause(IEnumerable<TopicPartition> partitions)
    {
        lock (_subscriptions.Gate)
        {
            foreach (var tp in partitions)
            {
                var state = _subscriptions.GetAssigned(tp);
                if (!state.Paused)
                {
                    state.Paused = true;

                    // Drop what was fetched ahead; after Resume the fetch starts again at the position.
                    state.Invalidate();
                }
            }
        }
    }

    public void Resume(IEnumerable<TopicPartition> partitions)
    {
        lock (_subscriptions.Gate)
        {
            foreach (var tp in partitions)
            {
                _subscriptions.GetAssigned(tp).Paused = false;
            }
        }

        _fetcher.Wake();
    }

    public List<TopicPartition> Paused()
    {
        lock (_subscriptions.Gate)
        {
            return [.. _subscriptions.Partitions.Where(p => p.Paused).Select(p => p.TopicPartition)];
        }
    }

    public void Close() => Wait(CloseAsync());

    public async Task CloseAsync()
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0)
        {
            return;
        }

        try
        {
            if (_member is not null && _subscriptions.UsesGroup)
            {
                await LeaveGroupAsync("the consumer is being closed").ConfigureAwait(false);
            }
            else
            {
                await _commits.CommitConsumedAsync(_options.DefaultApiTimeout, CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            await ShutdownAsync().ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        try
        {
            Close();
        }
        catch (KafkaException e)
        {
            ConsumerLog.CommitFailed(_log, Name, "while closing: " + e.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await CloseAsync().ConfigureAwait(false);
        }
        catch (KafkaException e)
        {
            ConsumerLog.CommitFailed(_log, Name, "while closing: " + e.Message);
        }
    }

    /// <summary>The fast path of a poll: a record already drained, with nothing else to do (no rebalance, no auto-commit due, no metadata change). Allocates nothing.</summary>
    private bool TryConsumeNow(out ConsumeResult<TKey, TValue>? result)
    {
        result = null;
        if (Volatile.Read(ref _closing) != 0 || !_commits.Errors.IsEmpty || _commits.AutoCommitDue)
        {
            return false;
        }

        if (_subscriptions.UsesGroup && (_member is null || !_member.TryPollFast() || _metadata.Current.Version != Interlocked.Read(ref _seenMetadataVersion)))
        {
            return false;
        }

        return _collector.TryTake(out result);
    }

    private async ValueTask<ConsumeResult<TKey, TValue>?> ConsumeCoreAsync(Deadline deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            ThrowIfClosed();
            while (_commits.Errors.TryDequeue(out var error))
            {
                ErrorHandler?.Invoke(this, error);
            }

            var kind = _subscriptions.Kind;
            if (kind == SubscriptionKind.None)
            {
                throw new InvalidOperationException("Consumer is not subscribed to any topics or assigned any partitions");
            }

            if (kind == SubscriptionKind.Pattern && _pattern.MaybeRefresh() is { } firstMatch)
            {
                // The first join waits for the pattern's first match, so that it subscribes to something.
                var ready = firstMatch.IsCompleted
                    ? await _signal.WaitAsync(deadline.RemainingAtMost(_options.RetryBackoff), cancellationToken).ConfigureAwait(false) || true
                    : await deadline.WaitAsync(firstMatch, cancellationToken).ConfigureAwait(false);
                if (!ready || deadline.HasPassed)
                {
                    return null;
                }

                continue;
            }

            if (kind != SubscriptionKind.Manual && _member is not null)
            {
                Interlocked.Exchange(ref _seenMetadataVersion, _metadata.Current.Version);
                if (!await _member.PollAsync(deadline.Remaining, cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }
            }

            _commits.MaybeAutoCommit();
            if (_collector.TryTake(out var result))
            {
                return result;
            }

            ThrowPartitionError();
            _collector.Drain();
            if (_collector.TryTake(out result))
            {
                return result;
            }

            _fetcher.Wake();
            if (deadline.HasPassed)
            {
                return null;
            }

            await _signal.WaitAsync(deadline.RemainingAtMost(TimeSpan.FromSeconds(1)), cancellationToken).ConfigureAwait(false);
        }
    }

    private void ThrowPartitionError()
    {
        KafkaException? error = null;
        lock (_subscriptions.Gate)
        {
            foreach (var p in _subscriptions.Partitions)
            {
                if (p.Error is not null && !p.ErrorReported)
                {
                    p.ErrorReported = true;
                    error = p.Error;
                    break;
                }
            }
        }

        if (error is not null)
        {
            throw error;
        }
    }

    private async Task LeaveGroupAsync(string reason)
    {
        await _commits.CommitConsumedAsync(_options.DefaultApiTimeout, CancellationToken.None).ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(_options.DefaultApiTimeout);
        await _member!.LeaveAsync(reason, timeout.Token).ConfigureAwait(false);
    }

    private async Task ShutdownAsync()
    {
        _closed = true;
        await _fetcher.StopAsync().ConfigureAwait(false);
        if (_member is not null)
        {
            await _member.DisposeAsync().ConfigureAwait(false);
        }

        await _metadata.DisposeAsync().ConfigureAwait(false);
        await _connections.DisposeAsync().ConfigureAwait(false);
        _collector.Dispose();
        _signal.Set();
    }

    private void SeekAll(IEnumerable<TopicPartition> partitions, long offset)
    {
        ThrowIfClosed();
        var list = partitions.ToList();
        lock (_subscriptions.Gate)
        {
            foreach (var tp in list)
            {
                _subscriptions.GetAssigned(tp);
            }
        }

        foreach (var tp in list)
        {
            _handlers.ApplyStartOffset(new TopicPartitionOffset(tp, offset));
        }

        _fetcher.Wake();
    }

    private GroupMember RequireGroup()
    {
        ThrowIfClosed();
        return _member ?? throw new InvalidOperationException("subscribing needs a group.id; use Assign to read partitions without a group");
    }

    private void ThrowIfClosed() => ObjectDisposedException.ThrowIf(_closed, this);

    private static IReadOnlyList<IConsumerPartitionAssignor> ResolveAssignors(ConsumerOptions options, IEnumerable<IConsumerPartitionAssignor>? custom)
    {
        var byName = (custom ?? []).ToDictionary(a => a.Name, StringComparer.Ordinal);
        var result = new List<IConsumerPartitionAssignor>();
        foreach (var name in options.PartitionAssignmentStrategy)
        {
            result.Add(byName.GetValueOrDefault(name) ?? PartitionAssignors.BuiltIn(name)
                ?? throw new KafkaConfigException(ConfigNames.PartitionAssignmentStrategy, name, "no built-in or given assignor has this name"));
        }

        return result;
    }

    private static T Wait<T>(ValueTask<T> task) => task.IsCompletedSuccessfully ? task.Result : task.AsTask().GetAwaiter().GetResult();

    private static T Wait<T>(Task<T> task) => task.GetAwaiter().GetResult();

    private static void Wait(Task task) => task.GetAwaiter().GetResult();
}
