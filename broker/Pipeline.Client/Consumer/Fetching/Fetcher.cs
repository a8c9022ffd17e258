using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Pipeline.Client.Config;
using Pipeline.Client.Group;
using Pipeline.Client.Metadata;
using Pipeline.Client.Network;
using Pipeline.Client.Threading;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;

namespace Pipeline.Client.Consumer.Fetching;

/// <summary>
/// The consumer's I/O loop (Kafka's Fetcher plus the position lookups of its OffsetFetcher). It
/// looks up positions (committed offsets, resets), and keeps one Fetch in flight per leader for
/// the fetchable partitions. Responses are parsed into <see cref="CompletedFetch"/>es for the
/// application thread to drain. Every fetchable partition goes into every fetch (from the offset
/// after what it has buffered) while the buffered record bytes stay under the budget
/// (fetch.max.bytes): the next round trip overlaps the application's work on the last one, and a
/// fetch never long-polls on idle partitions while busy ones wait to be asked again. The next
/// fetch is planned right where a response is taken in, without waking the loop.
/// <para>Threads: its own loop; response continuations; all shared state under
/// <see cref="SubscriptionState.Gate"/>.</para>
/// </summary>
internal sealed class Fetcher
{
    private readonly ConsumerOptions _options;
    private readonly string _name;
    private readonly SubscriptionState _subscriptions;
    private readonly MetadataManager _metadata;
    private readonly ConnectionManager _connections;
    private readonly OffsetLookup _lookup;
    private readonly OffsetCommitter? _committer;
    private readonly Action _dataAvailable;
    private readonly ILogger _log;
    private readonly AsyncSignal _wake = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<int> _busyNodes = [];
    private readonly long _bufferBudget;
    private Task? _loop;

    public Fetcher(ConsumerOptions options, string name, SubscriptionState subscriptions, MetadataManager metadata, ConnectionManager connections,
        OffsetLookup lookup, OffsetCommitter? committer, Action dataAvailable, ILogger log)
    {
        _options = options;
        _name = name;
        _subscriptions = subscriptions;
        _metadata = metadata;
        _connections = connections;
        _lookup = lookup;
        _committer = committer;
        _dataAvailable = dataAvailable;
        _log = log;
        _bufferBudget = Math.Max(options.FetchMaxBytes, options.MaxPartitionFetchBytes);
    }

    /// <summary>Fetched records waiting to be drained, in arrival order; guarded by the subscription gate.</summary>
    public CompletedFetches Completed { get; } = new();

    public void Start() => _loop ??= Task.Run(RunAsync);

    public void Wake() => _wake.Set();

    public async Task StopAsync()
    {
        _stop.Cancel();
        _wake.Set();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        lock (_subscriptions.Gate)
        {
            Completed.Clear();
        }
    }

    private async Task RunAsync()
    {
        var stop = _stop.Token;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var wait = PlanAndSend(stop);
                await _wake.WaitAsync(wait, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                ConsumerLog.FetcherFailed(_log, _name, e);
                await Task.Delay(_options.RetryBackoff, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Starts what <see cref="Plan"/> decides; returns how long the loop may sleep if nothing changes.</summary>
    private TimeSpan PlanAndSend(CancellationToken stop)
    {
        var wait = Plan(out var committed, out var resets, out var fetches);
        if (committed is not null)
        {
            _ = LookUpCommittedAsync(committed, stop);
        }

        if (resets is not null)
        {
            _ = ResetAsync(resets, stop);
        }

        foreach (var f in fetches ?? [])
        {
            _ = FetchAsync(f, stop);
        }

        return wait;
    }

    /// <summary>Decides, under the gate, what to look up and what to fetch from whom; returns how long to sleep if nothing changes.</summary>
    private TimeSpan Plan(out List<(PartitionState State, int Epoch)>? committed, out List<(PartitionState State, int Epoch)>? resets, out List<PendingFetch>? fetches)
    {
        committed = null;
        resets = null;
        fetches = null;
        var now = Stopwatch.GetTimestamp();
        var wait = TimeSpan.FromSeconds(1);
        var metadata = _metadata.Current;
        Dictionary<int, PendingFetch>? byNode = null;
        lock (_subscriptions.Gate)
        {
            foreach (var ps in _subscriptions.Partitions)
            {
                if (!ps.Assigned || ps.Error is not null || ps.LookupInFlight)
                {
                    continue;
                }

                if (ps.NotBefore > now)
                {
                    var until = Stopwatch.GetElapsedTime(now, ps.NotBefore);
                    wait = until < wait ? until : wait;
                    continue;
                }

                if (ps.Need == PositionNeed.Committed && _committer is not null)
                {
                    ps.LookupInFlight = true;
                    (committed ??= []).Add((ps, ps.Epoch));
                    continue;
                }

                if (ps.Need == PositionNeed.Committed)
                {
                    // No group: nothing was ever committed.
                    ps.Require(PositionNeed.Reset, _options.AutoOffsetReset);
                }

                if (ps.Need == PositionNeed.Reset)
                {
                    if (ps.ResetStrategy == AutoOffsetReset.None)
                    {
                        ps.Error = new KafkaException(ErrorCode.OffsetOutOfRange, $"Undefined offset with no reset policy for partition {ps.TopicPartition}");
                        _dataAvailable();
                    }
                    else
                    {
                        ps.LookupInFlight = true;
                        (resets ??= []).Add((ps, ps.Epoch));
                    }

                    continue;
                }

                // Over budget nothing is asked until the application drains (it wakes us then); below
                // it every partition is, so a fetch never long-polls on idle partitions alone.
                if (!ps.IsFetchable || ps.FetchInFlight || Completed.Bytes >= _bufferBudget)
                {
                    continue;
                }

                var leader = metadata.LeaderOf(ps.TopicPartition.Topic, ps.TopicPartition.Partition);
                if (leader < 0)
                {
                    _metadata.AddTopic(ps.TopicPartition.Topic);
                    _metadata.RequestUpdate();
                    continue;
                }

                if (_busyNodes.Contains(leader))
                {
                    continue;
                }

                byNode ??= [];
                if (!byNode.TryGetValue(leader, out var pending))
                {
                    if (!_connections.TryGetReady(leader, out var connection))
                    {
                        // Connecting (or backing off): the connection manager wakes us when it settles.
                        var backoff = _connections.BackoffRemaining(leader);
                        wait = backoff > TimeSpan.Zero && backoff < wait ? backoff : wait;
                        continue;
                    }

                    byNode[leader] = pending = new PendingFetch(leader, connection);
                }

                pending.Add(ps, ps.Epoch, ps.FetchOffset, metadata.TryGetTopic(ps.TopicPartition.Topic, out var t) ? t.TopicId : default);
                ps.FetchInFlight = true;
            }

            if (byNode is not null)
            {
                fetches = [.. byNode.Values];
                foreach (var f in fetches)
                {
                    _busyNodes.Add(f.NodeId);
                }
            }
        }

        return wait;
    }

    private async Task LookUpCommittedAsync(List<(PartitionState State, int Epoch)> partitions, CancellationToken stop)
    {
        try
        {
            var found = await _committer!.FetchAsync([.. partitions.Select(p => p.State.TopicPartition)], Deadline.After(_options.RequestTimeout), stop).ConfigureAwait(false);
            lock (_subscriptions.Gate)
            {
                foreach (var (ps, epoch) in partitions)
                {
                    if (ps.Epoch != epoch || !ps.Assigned || ps.Need != PositionNeed.Committed)
                    {
                        continue;
                    }

                    ps.LookupInFlight = false;
                    if (found.TryGetValue(ps.TopicPartition, out var committed) && committed is { } c)
                    {
                        ps.MoveTo(c.Offset, c.LeaderEpoch);
                        ps.LastCommitted = c.Offset;
                    }
                    else
                    {
                        ps.Require(PositionNeed.Reset, _options.AutoOffsetReset);
                    }
                }
            }
        }
        catch (Exception e) when (!stop.IsCancellationRequested)
        {
            ConsumerLog.LookupFailed(_log, _name, e.Message);
            Failed(partitions, e as KafkaException, retriable: e is not KafkaException k || k.IsRetriable || k.Code == ErrorCode.CoordinatorNotAvailable);
        }
        finally
        {
            _wake.Set();
        }
    }

    private async Task ResetAsync(List<(PartitionState State, int Epoch)> partitions, CancellationToken stop)
    {
        try
        {
            var timestamps = new Dictionary<TopicPartition, long>();
            lock (_subscriptions.Gate)
            {
                foreach (var (ps, _) in partitions)
                {
                    timestamps[ps.TopicPartition] = ps.ResetStrategy == AutoOffsetReset.Earliest ? OffsetLookup.Earliest : OffsetLookup.Latest;
                }
            }

            var found = await _lookup.ListAsync(timestamps, _options.IsolationLevel, Deadline.After(_options.RequestTimeout), stop).ConfigureAwait(false);
            lock (_subscriptions.Gate)
            {
                foreach (var (ps, epoch) in partitions)
                {
                    if (ps.Epoch != epoch || !ps.Assigned || ps.Need != PositionNeed.Reset)
                    {
                        continue;
                    }

                    ps.LookupInFlight = false;
                    var listed = found[ps.TopicPartition];
                    ConsumerLog.PositionReset(_log, _name, ps.TopicPartition.ToString(), listed.Offset, ps.ResetStrategy.ToString());
                    ps.MoveTo(listed.Offset, listed.LeaderEpoch);
                }
            }
        }
        catch (Exception e) when (!stop.IsCancellationRequested)
        {
            ConsumerLog.LookupFailed(_log, _name, e.Message);
            Failed(partitions, e as KafkaException, retriable: e is not KafkaException k || k.IsRetriable);
        }
        finally
        {
            _wake.Set();
        }
    }

    private void Failed(List<(PartitionState State, int Epoch)> partitions, KafkaException? error, bool retriable)
    {
        var notBefore = Stopwatch.GetTimestamp() + (long)(_options.RetryBackoff.TotalSeconds * Stopwatch.Frequency);
        lock (_subscriptions.Gate)
        {
            foreach (var (ps, epoch) in partitions)
            {
                if (ps.Epoch != epoch)
                {
                    continue;
                }

                ps.LookupInFlight = false;
                ps.NotBefore = notBefore;
                if (!retriable && error is not null)
                {
                    ps.Error = error;
                }
            }
        }

        if (!retriable)
        {
            _dataAvailable();
        }
    }

    private async Task FetchAsync(PendingFetch fetch, CancellationToken stop)
    {
        ResponseLease<FetchResponse>? lease = null;
        short version = 0;
        try
        {
            version = fetch.Connection.Versions.Require(ApiKey.Fetch, minVersion: 4);
            if (!fetch.AllTopicIdsKnown && version > 12)
            {
                version = 12;
            }

            var request = FetchRequests.Build(fetch, version, _options);
            lease = await fetch.Connection.SendRetainingFrameAsync<FetchResponse>(request, version, _options.RequestTimeout + _options.FetchMaxWait, stop).ConfigureAwait(false);
        }
        catch (Exception e) when (e is KafkaException || (e is OperationCanceledException && !stop.IsCancellationRequested))
        {
            ConsumerLog.FetchFailed(_log, _name, fetch.NodeId, e.Message);
            _metadata.RequestUpdate();
            var notBefore = Stopwatch.GetTimestamp() + (long)(_options.RetryBackoff.TotalSeconds * Stopwatch.Frequency);
            lock (_subscriptions.Gate)
            {
                foreach (var p in fetch.Partitions)
                {
                    if (p.State.Epoch == p.Epoch)
                    {
                        p.State.FetchInFlight = false;
                        p.State.NotBefore = notBefore;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        finally
        {
            lock (_subscriptions.Gate)
            {
                _busyNodes.Remove(fetch.NodeId);
            }
        }

        if (lease is not null)
        {
            var buffer = new FetchBuffer(lease);
            bool data;
            lock (_subscriptions.Gate)
            {
                data = FetchResponses.Apply(buffer, version, fetch, _options, Completed, _metadata, _log, _name);
            }

            buffer.Release();
            if (data)
            {
                _dataAvailable();
            }

            if (!stop.IsCancellationRequested)
            {
                try
                {
                    PlanAndSend(stop);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    ConsumerLog.FetcherFailed(_log, _name, e);
                }
            }
        }

        _wake.Set();
    }
}
