using Pipeline.Client.Network;
using Pipeline.Protocol;

namespace Pipeline.Client.Admin;

/// <summary>
/// Finds a group's coordinator (FindCoordinator, key type 0; batched keys from v4, KIP-699) and
/// sends per-group requests to it. A group whose lookup fails carries that error (retried when
/// retriable, e.g. COORDINATOR_NOT_AVAILABLE while the offsets topic is being created).
/// </summary>
internal static class CoordinatorRouting
{
    public static async Task<IEnumerable<KeyValuePair<string, TResult>>> SendAsync<TResult>(
        AdminContext ctx,
        IReadOnlyList<string> groups,
        AdminDeadline deadline,
        Func<string, KafkaError, TResult> failed,
        Func<KafkaConnection, int, List<string>, Task<IEnumerable<KeyValuePair<string, TResult>>>> send)
    {
        var results = new List<KeyValuePair<string, TResult>>();
        var byCoordinator = new Dictionary<int, List<string>>();
        foreach (var group in groups)
        {
            try
            {
                var node = await FindAsync(ctx, group, deadline).ConfigureAwait(false);
                if (!byCoordinator.TryGetValue(node, out var list))
                {
                    byCoordinator[node] = list = [];
                }

                list.Add(group);
            }
            catch (KafkaException e)
            {
                results.Add(KeyValuePair.Create(group, failed(group, e.Error)));
            }
        }

        var sends = byCoordinator.Select(async kv =>
        {
            try
            {
                var connection = await ctx.Connections.GetAsync(kv.Key, deadline.Token).ConfigureAwait(false);
                return await send(connection, kv.Key, kv.Value).ConfigureAwait(false);
            }
            catch (KafkaException e)
            {
                return kv.Value.Select(g => KeyValuePair.Create(g, failed(g, e.Error)));
            }
        });
        foreach (var r in await Task.WhenAll(sends).ConfigureAwait(false))
        {
            results.AddRange(r);
        }

        return results;
    }

    /// <summary>The coordinator's node id (cached); throws a KafkaException with the lookup's error.</summary>
    public static async Task<int> FindAsync(AdminContext ctx, string groupId, AdminDeadline deadline)
    {
        if (ctx.TryGetCoordinator(groupId, out var cached))
        {
            return cached;
        }

        var connection = await ctx.AnyAsync(deadline).ConfigureAwait(false);
        var (nodeId, address) = await FindCoordinatorCall.SendAsync(connection, groupId, ErrorCode.UnknownServerError, deadline.Token).ConfigureAwait(false);
        ctx.Connections.UpdateNodes([(nodeId, address)]);
        ctx.SetCoordinator(groupId, nodeId);
        return nodeId;
    }
}
