using Pipeline.Protocol;
using Pipeline.Protocol.Messages;

namespace Pipeline.Client.Network;

/// <summary>
/// One FindCoordinator for a group key (key type 0): the key goes in <c>CoordinatorKeys</c> from v4
/// (KIP-699) and in <c>Key</c> before; the answer is read from the matching entry or the top level.
/// Shared by the group member's coordinator link and the admin client's routing.
/// </summary>
internal static class FindCoordinatorCall
{
    /// <summary>
    /// The coordinator of <paramref name="groupId"/>; an error answer throws a KafkaException with its
    /// code, and a v4+ answer without the key throws one with <paramref name="missingKeyError"/>.
    /// </summary>
    public static async Task<(int NodeId, BrokerAddress Address)> SendAsync(KafkaConnection connection, string groupId, ErrorCode missingKeyError, CancellationToken cancellationToken)
    {
        var version = connection.Versions.Require(ApiKey.FindCoordinator);
        var request = new FindCoordinatorRequest { KeyType = 0 };
        if (version >= 4)
        {
            request.CoordinatorKeys.Add(groupId);
        }
        else
        {
            request.KeyValue = groupId;
        }

        var response = await connection.SendAsync<FindCoordinatorResponse>(request, version, cancellationToken: cancellationToken).ConfigureAwait(false);
        short code;
        string? message;
        int nodeId;
        string host;
        int port;
        if (version >= 4)
        {
            var c = response.Coordinators.Find(x => x.Key == groupId)
                ?? throw new KafkaException(missingKeyError, $"FindCoordinator did not answer for group {groupId}");
            (code, message, nodeId, host, port) = (c.ErrorCode, c.ErrorMessage, c.NodeId, c.Host, c.Port);
        }
        else
        {
            (code, message, nodeId, host, port) = (response.ErrorCode, response.ErrorMessage, response.NodeId, response.Host, response.Port);
        }

        if (code != 0)
        {
            throw new KafkaException((ErrorCode)code, string.IsNullOrEmpty(message) ? $"no coordinator for group {groupId}" : message);
        }

        return (nodeId, new BrokerAddress(host, port));
    }
}
