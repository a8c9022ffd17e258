using Microsoft.Extensions.Logging;
using Pipeline.Client.Network;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;

namespace Pipeline.Client.Group;

/// <summary>
/// The way to a group's coordinator: FindCoordinator (key type 0; batched form from v4, KIP-699),
/// and requests to it on a connection of its own. As Kafka's client does, the coordinator gets a
/// second socket (node id <c>int.MaxValue - id</c>), so a heartbeat never waits behind a
/// long-polling Fetch to the same broker, which answers in order.
/// <para>Threads: any (the poller, the heartbeat loop, commits); one lookup runs at a time and is shared.</para>
/// </summary>
internal sealed class CoordinatorLink
{
    private readonly ConnectionManager _connections;
    private readonly string _groupId;
    private readonly TimeSpan _retryBackoff;
    private readonly ILogger _log;
    private readonly object _gate = new();
    private int _nodeId = -1;
    private Task<int>? _lookup;

    public CoordinatorLink(ConnectionManager connections, string groupId, TimeSpan retryBackoff, ILogger log)
    {
        _connections = connections;
        _groupId = groupId;
        _retryBackoff = retryBackoff;
        _log = log;
    }

    /// <summary>The coordinator's broker id, or -1 while unknown.</summary>
    public int NodeId => Volatile.Read(ref _nodeId);

    public bool IsKnown => NodeId >= 0;

    /// <summary>
    /// Finds the coordinator if unknown, retrying retriable errors (COORDINATOR_NOT_AVAILABLE while
    /// __consumer_offsets is created, no reachable broker) until the deadline; false when it passes.
    /// Throws for errors a retry cannot fix (GROUP_AUTHORIZATION_FAILED, INVALID_GROUP_ID).
    /// </summary>
    public async Task<bool> EnsureKnownAsync(Deadline deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task<int> lookup;
            lock (_gate)
            {
                if (_nodeId >= 0)
                {
                    return true;
                }

                lookup = _lookup ??= LookupAsync();
            }

            if (!await deadline.WaitAsync(lookup, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            lock (_gate)
            {
                if (_lookup == lookup)
                {
                    _lookup = null;
                }
            }

            if (lookup.IsCompletedSuccessfully)
            {
                continue;
            }

            var error = lookup.Exception!.InnerException!;
            if (error is KafkaException k && !k.IsRetriable && k.Code != ErrorCode.NetworkException)
            {
                throw k;
            }

            if (deadline.HasPassed)
            {
                return false;
            }

            await Task.Delay(deadline.RemainingAtMost(_retryBackoff), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sends a request to the coordinator; <paramref name="build"/> gets the negotiated version.
    /// A lost connection or NOT_COORDINATOR-style answer is the caller's to interpret, but the
    /// connection failure itself marks the coordinator unknown here.
    /// </summary>
    public async Task<(TResponse Response, short Version)> SendAsync<TResponse>(
        ApiKey api, Func<short, IRequestMessage> build, TimeSpan? timeout, CancellationToken cancellationToken, short minVersion = 0)
        where TResponse : IResponseMessage, new()
    {
        var node = NodeId;
        if (node < 0)
        {
            throw new KafkaException(ErrorCode.CoordinatorNotAvailable, $"the coordinator of group {_groupId} is not known");
        }

        try
        {
            var connection = await _connections.GetAsync(ConnectionId(node), cancellationToken).ConfigureAwait(false);
            var version = connection.Versions.Require(api, minVersion);
            var response = await connection.SendAsync<TResponse>(build(version), version, timeout, cancellationToken).ConfigureAwait(false);
            return (response, version);
        }
        catch (KafkaException e) when (e.Code is ErrorCode.NetworkException or ErrorCode.RequestTimedOut or ErrorCode.BrokerNotAvailable)
        {
            MarkUnknown(node, e.Message);
            throw;
        }
    }

    /// <summary>Forgets the coordinator (NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE, a lost connection); the next use looks it up again.</summary>
    public void MarkUnknown(string reason) => MarkUnknown(NodeId, reason);

    /// <summary>Handles the errors every coordinator answer can carry; true when the coordinator was forgotten.</summary>
    public bool HandleError(ErrorCode error)
    {
        if (error is ErrorCode.NotCoordinator or ErrorCode.CoordinatorNotAvailable)
        {
            MarkUnknown(ErrorCodes.Name(error));
            return true;
        }

        return false;
    }

    private void MarkUnknown(int node, string reason)
    {
        if (node < 0)
        {
            return;
        }

        lock (_gate)
        {
            if (_nodeId != node)
            {
                return;
            }

            _nodeId = -1;
        }

        GroupLog.CoordinatorUnknown(_log, _groupId, node, reason);
        _connections.Disconnect(ConnectionId(node), new KafkaException(ErrorCode.NetworkException, $"coordinator of group {_groupId} marked unknown: {reason}"));
    }

    private static int ConnectionId(int node) => int.MaxValue - node;

    private async Task<int> LookupAsync()
    {
        using var timeout = new CancellationTokenSource(_connections.Settings.RequestTimeout + _connections.Settings.SetupTimeout);
        var connection = await _connections.GetAnyAsync(timeout.Token).ConfigureAwait(false);
        var (nodeId, address) = await FindCoordinatorCall.SendAsync(connection, _groupId, ErrorCode.CoordinatorNotAvailable, timeout.Token).ConfigureAwait(false);
        _connections.UpdateNodes([(ConnectionId(nodeId), address)]);
        lock (_gate)
        {
            _nodeId = nodeId;
        }

        GroupLog.CoordinatorFound(_log, _groupId, nodeId, address.ToString());
        return nodeId;
    }
}
