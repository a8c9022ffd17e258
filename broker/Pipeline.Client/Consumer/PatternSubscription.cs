using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Pipeline.Client.Config;
using Pipeline.Client.Metadata;
using Pipeline.Protocol;

namespace Pipeline.Client.Consumer;

/// <summary>
/// Keeps a pattern subscription's topics current: every metadata.max.age.ms (and at once after
/// Subscribe) it fetches the metadata of all topics and matches their names (internal topics
/// excluded with exclude.internal.topics); when the match changes the group must rebalance.
/// <para>Threads: started from the application thread; the fetch completes on the pool.</para>
/// </summary>
internal sealed class PatternSubscription
{
    private readonly ConsumerOptions _options;
    private readonly SubscriptionState _subscriptions;
    private readonly MetadataManager _metadata;
    private readonly Action<string> _requestRejoin;
    private readonly ILogger _log;
    private readonly string _name;
    private Task? _refresh;
    private long _next;
    private volatile bool _matched;

    public PatternSubscription(ConsumerOptions options, SubscriptionState subscriptions, MetadataManager metadata, Action<string> requestRejoin, ILogger log, string name)
    {
        _options = options;
        _subscriptions = subscriptions;
        _metadata = metadata;
        _requestRejoin = requestRejoin;
        _log = log;
        _name = name;
    }

    /// <summary>A new pattern: match again now.</summary>
    public void Reset()
    {
        _next = 0;
        _matched = false;
    }

    /// <summary>Starts a refresh when one is due; returns the refresh to wait for while the pattern has never been matched, else null.</summary>
    public Task? MaybeRefresh()
    {
        var now = Stopwatch.GetTimestamp();
        if (now >= _next && _refresh is null or { IsCompleted: true })
        {
            _next = now + (long)(_options.MetadataMaxAge.TotalSeconds * Stopwatch.Frequency);
            _refresh = RefreshAsync();
        }

        return _matched ? null : _refresh;
    }

    private async Task RefreshAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(_options.RequestTimeout + _options.SocketConnectionSetupTimeout);
            var metadata = await _metadata.FetchAsync(null, allowAutoTopicCreation: false, timeout.Token).ConfigureAwait(false);
            bool changed;
            List<string> topics;
            lock (_subscriptions.Gate)
            {
                if (_subscriptions.Pattern is not { } pattern)
                {
                    return;
                }

                topics = [.. metadata.Topics.Values
                    .Where(t => t.Error == ErrorCode.None && !(t.IsInternal && _options.ExcludeInternalTopics) && pattern.IsMatch(t.Name))
                    .Select(t => t.Name)
                    .Order(StringComparer.Ordinal)];
                changed = _subscriptions.SetMatchedTopics(topics);
            }

            _matched = true;
            if (changed)
            {
                foreach (var t in topics)
                {
                    _metadata.AddTopic(t);
                }

                ConsumerLog.PatternMatched(_log, _name, string.Join(", ", topics));
                _requestRejoin("the subscribed pattern matches other topics");
            }
        }
        catch (Exception e) when (e is KafkaException or OperationCanceledException)
        {
            // Tried again at the next refresh; retry sooner while nothing was ever matched.
            ConsumerLog.LookupFailed(_log, _name, "pattern metadata: " + e.Message);
            if (!_matched)
            {
                _next = Stopwatch.GetTimestamp() + (long)(_options.RetryBackoff.TotalSeconds * Stopwatch.Frequency);
            }
        }
    }
}
