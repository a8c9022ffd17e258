using Pipeline.Client.Metadata;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;

namespace Pipeline.Client.Admin;

/// <summary>DescribeCluster (KIP-700), or Metadata on brokers older than it.</summary>
internal sealed class ClusterAdmin
{
    private readonly AdminContext _ctx;

    public ClusterAdmin(AdminContext ctx) => _ctx = ctx;

    public async Task<ClusterDescription> DescribeClusterAsync(AdminCallOptions? options, CancellationToken cancellationToken)
    {
        using var deadline = _ctx.Deadline(options, cancellationToken);
        return await _ctx.RetryAsync("DescribeCluster", deadline, async () =>
        {
            var connection = await _ctx.AnyAsync(deadline).ConfigureAwait(false);
            var version = connection.Versions.Pick(ApiKey.DescribeCluster);
            if (version < 0)
            {
                var m = await _ctx.FetchAsync([], deadline).ConfigureAwait(false);
                var brokers = m.Brokers.Values.OrderBy(b => b.Id).ToList();
                return new ClusterDescription(m.ClusterId, m.Brokers.GetValueOrDefault(m.ControllerId), brokers);
            }

            var response = await connection.SendAsync<DescribeClusterResponse>(new DescribeClusterRequest(), version, cancellationToken: deadline.Token).ConfigureAwait(false);
            if (response.ErrorCode != 0)
            {
                throw new KafkaException((ErrorCode)response.ErrorCode, response.ErrorMessage);
            }

            var nodes = response.Brokers.Select(b => new BrokerNode(b.BrokerId, b.Host, b.Port, b.Rack)).OrderBy(b => b.Id).ToList();
            return new ClusterDescription(response.ClusterId, nodes.FirstOrDefault(n => n.Id == response.ControllerId), nodes);
        }).ConfigureAwait(false);
    }
}
