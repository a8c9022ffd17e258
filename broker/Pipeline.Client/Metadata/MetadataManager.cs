using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Pipeline.Client.Network;
using Pipeline.Client.Threading;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;

namespace Pipeline.Client.Metadata;

/// <summary>
/// Keeps the client's <see cref="ClusterMetadata"/>: one-off fetches (the admin client), and for
/// the producer a background loop that refreshes the topics in use when asked
/// (<see cref="RequestUpdate"/>, after NOT_LEADER_OR_FOLLOWER and friends), at least every
/// metadata.max.age.ms, and backs off exponentially (retry.backoff.ms .. retry.backoff.max.ms)
/// after failures. Every fetch also tells the <see cref="ConnectionManager"/> where the nodes are.
/// <para>Threads: the refresh loop (its own task); readers anywhere (the snapshot is immutable).</para>
/// </summary>
internal sealed class MetadataManager : IAsyncDisposable
{
    private readonly ConnectionManager _connections;
    private readonly ILogger _log;
    private readonly TimeSpan _maxAge;
    private readonly TimeSpan _backoff;
    private readonly TimeSpan _backoffMax;
    private readonly TimeSpan? _topicMaxIdle;
    private readonly bool _allowAutoTopicCreation;
    private readonly AsyncSignal _wake = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, long> _topics = new(StringComparer.Ordinal);
    private readonly object _updateLock = new();
    private TaskCompletionSource _nextUpdate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile ClusterMetadata _current = ClusterMetadata.Empty;
    private volatile bool _updateRequested;
    private Task? _loop;

    public MetadataManager(ConnectionManager connections, TimeSpan maxAge, TimeSpan retryBackoff, TimeSpan retryBackoffMax,
        bool allowAutoTopicCreation, TimeSpan? topicMaxIdle, ILogger log)
    {
        _connections = connections;
        _maxAge = maxAge;
        _backoff = retryBackoff;
        _backoffMax = retryBackoffMax < retryBackoff ? retryBackoff : retryBackoffMax;
        _allowAutoTopicCreation = allowAutoTopicCreation;
        _topicMaxIdle = topicMaxIdle;
        _log = log;
    }

    public ClusterMetadata Current => _current;

    /// <summary>Called after every successful update (on the thread that made it).</summary>
    public Action? Updated { get; set; }

    /// <summary>Starts the background refresh of the topics added with <see cref="AddTopic"/>.</summary>
    public void Start() => _loop ??= Task.Run(RunAsync);

    /// <summary>Marks a topic as in use (it is kept in metadata until idle for metadata.max.idle.ms).</summary>
    public void AddTopic(string topic)
    {
        bool added;
        lock (_topics)
        {
            added = !_topics.ContainsKey(topic);
            _topics[topic] = Stopwatch.GetTimestamp();
        }

        if (added)
        {
            RequestUpdate();
        }
    }

    public void RequestUpdate()
    {
        _updateRequested = true;
        _wake.Set();
    }

    /// <summary>Waits until the metadata has a usable entry for <paramref name="topic"/> (producer's waitOnMetadata).</summary>
    public async Task<TopicMetadata> WaitForTopicAsync(string topic, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(maxWait.TotalSeconds * Stopwatch.Frequency);
        AddTopic(topic);
        while (true)
        {
            if (_stop.IsCancellationRequested)
            {
                throw new KafkaException(ErrorCode.UnknownServerError, "the client is closed");
            }

            Task next;
            lock (_updateLock)
            {
                next = _nextUpdate.Task;
            }

            var m = _current;
            if (m.TryGetTopic(topic, out var t))
            {
                if (t.IsUsable)
                {
                    return t;
                }

                if (t.Error is not (ErrorCode.None or ErrorCode.UnknownTopicOrPartition) && !ErrorCodes.IsRetriable(t.Error))
                {
                    throw new KafkaException(t.Error, $"topic {topic}");
                }
            }

            var remaining = deadline - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                throw new KafkaException(ErrorCode.RequestTimedOut, $"Topic {topic} not present in metadata after {(long)maxWait.TotalMilliseconds} ms.");
            }

            RequestUpdate();
            try
            {
                await next.WaitAsync(Stopwatch.GetElapsedTime(0, remaining), cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Checked at the top of the loop.
            }
        }
    }

    /// <summary>
    /// Fetches metadata now from any reachable node and merges it. <paramref name="topics"/>: null
    /// for every topic, empty for brokers and controller only.
    /// </summary>
    public async Task<ClusterMetadata> FetchAsync(IReadOnlyCollection<string>? topics, bool allowAutoTopicCreation, CancellationToken cancellationToken)
    {
        var connection = await _connections.GetAnyAsync(cancellationToken).ConfigureAwait(false);
        var version = connection.Versions.Require(ApiKey.Metadata);
        var request = new MetadataRequest { AllowAutoTopicCreation = allowAutoTopicCreation };
        if (topics is null)
        {
            // v0 says "all topics" with an empty array; later versions with null.
            request.Topics = version == 0 ? [] : null;
        }
        else
        {
            foreach (var name in topics)
            {
                request.Topics!.Add(new MetadataRequest.MetadataRequestTopic { Name = name });
            }
        }

        var response = await connection.SendAsync<MetadataResponse>(request, version, cancellationToken: cancellationToken).ConfigureAwait(false);
        var all = topics is null || (version == 0 && topics.Count == 0);
        ClusterMetadata next;
        lock (_updateLock)
        {
            next = _current.Merge(response, all);
            _current = next;
        }

        _connections.UpdateNodes(next.BrokerAddresses());
        ClientLog.MetadataUpdated(_log, next.Brokers.Count, next.Topics.Count, next.ControllerId);
        SignalUpdate();
        Updated?.Invoke();
        return next;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        if (_loop is not null)
        {
            try
            {
                await _loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
        }

        // The signal and the token source are left to the GC: waiters may still touch them.
        SignalUpdate();
    }

    private void SignalUpdate()
    {
        TaskCompletionSource done;
        lock (_updateLock)
        {
            done = _nextUpdate;
            _nextUpdate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        done.TrySetResult();
    }

    private async Task RunAsync()
    {
        var lastSuccess = long.MinValue / 2;
        var lastAttempt = long.MinValue / 2;
        var failures = 0;
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            var now = Stopwatch.GetTimestamp();
            ExpireIdleTopics(now);
            var topics = TopicsInUse();
            var backoffTicks = Ticks(BackoffFor(failures));
            var requestedDue = _updateRequested && now - lastAttempt >= backoffTicks;
            var ageDue = now - lastSuccess >= Ticks(_maxAge) && now - lastAttempt >= backoffTicks;
            if (topics.Count > 0 && (requestedDue || ageDue))
            {
                _updateRequested = false;
                lastAttempt = now;
                try
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
                    timeout.CancelAfter(_connections.Settings.RequestTimeout + _connections.Settings.SetupTimeout);
                    await FetchAsync(topics, _allowAutoTopicCreation, timeout.Token).ConfigureAwait(false);
                    lastSuccess = Stopwatch.GetTimestamp();
                    failures = 0;
                }
                catch (Exception e) when (!token.IsCancellationRequested)
                {
                    ClientLog.MetadataFailed(_log, e.Message);
                    failures++;
                    _updateRequested = true;
                    SignalUpdate();
                }

                continue;
            }

            TimeSpan wait;
            if (topics.Count == 0)
            {
                wait = _topicMaxIdle is { } idle && idle < _maxAge ? idle : _maxAge;
            }
            else if (_updateRequested)
            {
                wait = Stopwatch.GetElapsedTime(0, Math.Max(0, lastAttempt + backoffTicks - now));
            }
            else
            {
                wait = Stopwatch.GetElapsedTime(0, Math.Max(0, Math.Max(lastSuccess + Ticks(_maxAge), lastAttempt + backoffTicks) - now));
            }

            await _wake.WaitAsync(wait, token).ConfigureAwait(false);
        }
    }

    private List<string> TopicsInUse()
    {
        lock (_topics)
        {
            return [.. _topics.Keys];
        }
    }

    private void ExpireIdleTopics(long now)
    {
        if (_topicMaxIdle is not { } idle)
        {
            return;
        }

        List<string>? expired = null;
        lock (_topics)
        {
            foreach (var (name, used) in _topics)
            {
                if (now - used > Ticks(idle))
                {
                    (expired ??= []).Add(name);
                }
            }

            foreach (var name in expired ?? [])
            {
                _topics.Remove(name);
            }
        }

        if (expired is not null)
        {
            lock (_updateLock)
            {
                _current = _current.Without(expired);
            }
        }
    }

    private TimeSpan BackoffFor(int failures)
    {
        if (failures == 0)
        {
            return _backoff;
        }

        var ms = Math.Min(_backoff.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 20)), _backoffMax.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ms * (0.8 + (Random.Shared.NextDouble() * 0.4)));
    }

    private static long Ticks(TimeSpan t) => (long)(t.TotalSeconds * Stopwatch.Frequency);
}
