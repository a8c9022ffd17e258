using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Pipeline.Client.Config;
using Pipeline.Client.Metadata;
using Pipeline.Client.Network;
using Pipeline.Protocol;

namespace Pipeline.Client.Admin;

/// <summary>
/// What every admin operation shares: connections, metadata (fetched on demand, refreshed after
/// NOT_CONTROLLER / NOT_LEADER errors or when older than metadata.max.age.ms), group coordinators
/// (FindCoordinator, cached until NOT_COORDINATOR), and the retry loop that keeps retrying the
/// items whose errors are retriable until the operation's deadline. Thread-safe.
/// </summary>
internal sealed class AdminContext : IAsyncDisposable
{
    private static readonly string[] NoTopics = [];
    private readonly ConcurrentDictionary<string, int> _coordinators = new(StringComparer.Ordinal);
    private volatile bool _metadataStale = true;
    private long _metadataFetchedAt;

    public AdminContext(AdminClientOptions options, ILogger log)
    {
        Options = options;
        Log = log;
        Connections = new ConnectionManager(options.BootstrapAddresses, ConnectionSettings.From(options), log);
        Metadata = new MetadataManager(Connections, options.MetadataMaxAge, options.RetryBackoff, options.RetryBackoffMax,
            allowAutoTopicCreation: false, topicMaxIdle: null, log);
    }

    public AdminClientOptions Options { get; }

    public ILogger Log { get; }

    public ConnectionManager Connections { get; }

    public MetadataManager Metadata { get; }

    public AdminDeadline Deadline(AdminCallOptions? options, CancellationToken cancellationToken) =>
        new(options?.Timeout ?? Options.DefaultApiTimeout, cancellationToken);

    /// <summary>Brokers and controller, from cache unless stale.</summary>
    public async Task<ClusterMetadata> ClusterAsync(AdminDeadline deadline)
    {
        var current = Metadata.Current;
        var age = TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref _metadataFetchedAt));
        if (!_metadataStale && current.Version > 0 && age < Options.MetadataMaxAge)
        {
            return current;
        }

        return await FetchAsync(NoTopics, deadline).ConfigureAwait(false);
    }

    /// <summary>Fresh metadata for <paramref name="topics"/> (null = all topics).</summary>
    public async Task<ClusterMetadata> FetchAsync(IReadOnlyCollection<string>? topics, AdminDeadline deadline)
    {
        var m = await Metadata.FetchAsync(topics, allowAutoTopicCreation: false, deadline.Token).ConfigureAwait(false);
        Interlocked.Exchange(ref _metadataFetchedAt, Environment.TickCount64);
        _metadataStale = false;
        return m;
    }

    public void InvalidateMetadata() => _metadataStale = true;

    public Task<KafkaConnection> AnyAsync(AdminDeadline deadline) => Connections.GetAnyAsync(deadline.Token);

    public async Task<KafkaConnection> NodeAsync(int nodeId, AdminDeadline deadline)
    {
        if (!Connections.IsKnown(nodeId))
        {
            await FetchAsync(NoTopics, deadline).ConfigureAwait(false);
        }

        return await Connections.GetAsync(nodeId, deadline.Token).ConfigureAwait(false);
    }

    /// <summary>The controller as metadata names it (KRaft brokers forward to the real one); any broker when unknown.</summary>
    public async Task<KafkaConnection> ControllerAsync(AdminDeadline deadline)
    {
        var m = await ClusterAsync(deadline).ConfigureAwait(false);
        return m.ControllerId >= 0 && m.Brokers.ContainsKey(m.ControllerId)
            ? await Connections.GetAsync(m.ControllerId, deadline.Token).ConfigureAwait(false)
            : await AnyAsync(deadline).ConfigureAwait(false);
    }

    public bool TryGetCoordinator(string groupId, out int nodeId) => _coordinators.TryGetValue(groupId, out nodeId);

    public void SetCoordinator(string groupId, int nodeId) => _coordinators[groupId] = nodeId;

    public void InvalidateCoordinator(string groupId) => _coordinators.TryRemove(groupId, out _);

    /// <summary>The default retry rule: Kafka's retriable codes, except that an unknown topic or partition is an answer, not a glitch.</summary>
    public static bool IsRetriable(ErrorCode code) => code != ErrorCode.UnknownTopicOrPartition && ErrorCodes.IsRetriable(code);

    /// <summary>Reacts to a retriable error before the retry (stale controller, leader or coordinator).</summary>
    public void OnRetriable(ErrorCode code)
    {
        if (code is ErrorCode.NotController or ErrorCode.NotLeaderOrFollower or ErrorCode.LeaderNotAvailable
            or ErrorCode.UnknownTopicOrPartition or ErrorCode.NetworkException or ErrorCode.FencedLeaderEpoch or ErrorCode.UnknownLeaderEpoch)
        {
            InvalidateMetadata();
        }

        if (code is ErrorCode.NotCoordinator or ErrorCode.CoordinatorNotAvailable or ErrorCode.NetworkException)
        {
            _coordinators.Clear();
        }
    }

    /// <summary>
    /// Runs <paramref name="attempt"/> on the items still pending until none has a retriable error,
    /// retries run out, or the deadline passes. Items with a final error keep it; items still
    /// pending at the deadline keep their last answer or get a timeout error.
    /// </summary>
    public async Task<Dictionary<TKey, TResult>> RunAsync<TKey, TResult>(
        string operation,
        IEnumerable<TKey> keys,
        AdminDeadline deadline,
        Func<IReadOnlyList<TKey>, Task<IEnumerable<KeyValuePair<TKey, TResult>>>> attempt,
        Func<TKey, KafkaError, TResult> failed,
        Func<ErrorCode, bool>? retriable = null)
        where TKey : notnull
        where TResult : IAdminResult
    {
        retriable ??= IsRetriable;
        var pending = keys.Distinct().ToList();
        var done = new Dictionary<TKey, TResult>();
        var last = new Dictionary<TKey, TResult>();
        KafkaError? lastError = null;
        for (var attemptNo = 1; pending.Count > 0; attemptNo++)
        {
            try
            {
                var retry = new List<TKey>();
                var answered = new HashSet<TKey>();
                foreach (var (key, result) in await attempt(pending).ConfigureAwait(false))
                {
                    answered.Add(key);
                    var e = result.Error;
                    if (e.IsError && retriable(e.Code))
                    {
                        retry.Add(key);
                        last[key] = result;
                        lastError = e;
                        OnRetriable(e.Code);
                    }
                    else
                    {
                        done[key] = result;
                    }
                }

                foreach (var key in pending)
                {
                    if (!answered.Contains(key) && !done.ContainsKey(key))
                    {
                        done[key] = failed(key, new KafkaError(ErrorCode.UnknownServerError, "the broker's response did not mention it"));
                    }
                }

                pending = retry;
            }
            catch (KafkaException e) when (e.Code == ErrorCode.NetworkException || retriable(e.Code))
            {
                lastError = e.Error;
                OnRetriable(e.Code);
            }
            catch (OperationCanceledException) when (deadline.TimedOut)
            {
                break;
            }

            if (pending.Count == 0 || attemptNo > Options.Retries)
            {
                break;
            }

            ClientLog.AdminRetry(Log, operation, lastError?.ToString() ?? "?");
            var backoff = TimeSpan.FromMilliseconds(Math.Min(Options.RetryBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(attemptNo - 1, 20)), Options.RetryBackoffMax.TotalMilliseconds));
            if (!await deadline.DelayAsync(backoff).ConfigureAwait(false))
            {
                break;
            }
        }

        deadline.ThrowIfCallerCancelled();
        foreach (var key in pending)
        {
            done[key] = last.TryGetValue(key, out var r) ? r : failed(key, deadline.TimeoutError(operation, lastError).Error);
        }

        return done;
    }

    /// <summary>Runs an operation that has one answer as a whole, retrying retriable failures until the deadline.</summary>
    public async Task<T> RetryAsync<T>(string operation, AdminDeadline deadline, Func<Task<T>> attempt)
    {
        KafkaError? lastError = null;
        for (var attemptNo = 1; ; attemptNo++)
        {
            try
            {
                return await attempt().ConfigureAwait(false);
            }
            catch (KafkaException e) when ((e.Code == ErrorCode.NetworkException || IsRetriable(e.Code)) && attemptNo <= Options.Retries)
            {
                lastError = e.Error;
                OnRetriable(e.Code);
            }
            catch (OperationCanceledException) when (deadline.TimedOut)
            {
                throw deadline.TimeoutError(operation, lastError);
            }

            ClientLog.AdminRetry(Log, operation, lastError?.ToString() ?? "?");
            var backoff = TimeSpan.FromMilliseconds(Math.Min(Options.RetryBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(attemptNo - 1, 20)), Options.RetryBackoffMax.TotalMilliseconds));
            if (!await deadline.DelayAsync(backoff).ConfigureAwait(false))
            {
                deadline.ThrowIfCallerCancelled();
                throw deadline.TimeoutError(operation, lastError);
            }
        }
    }

    /// <summary>Results in the order of <paramref name="keys"/>; throws <see cref="AdminOperationException{TResult}"/> if any failed.</summary>
    public static IReadOnlyList<TResult> Ordered<TKey, TResult>(string operation, IEnumerable<TKey> keys, Dictionary<TKey, TResult> results)
        where TKey : notnull
        where TResult : IAdminResult
    {
        var list = new List<TResult>();
        var seen = new HashSet<TKey>();
        KafkaError? first = null;
        var failures = 0;
        foreach (var k in keys)
        {
            if (!seen.Add(k))
            {
                continue;
            }

            var r = results[k];
            list.Add(r);
            if (r.Error.IsError)
            {
                first ??= r.Error;
                failures++;
            }
        }

        return first is { } f ? throw new AdminOperationException<TResult>(operation, f, list, failures) : list;
    }

    public async ValueTask DisposeAsync()
    {
        await Metadata.DisposeAsync().ConfigureAwait(false);
        await Connections.DisposeAsync().ConfigureAwait(false);
    }
}
