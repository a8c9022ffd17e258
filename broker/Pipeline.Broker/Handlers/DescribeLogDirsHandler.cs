using Pipeline.Broker.Network;
using Pipeline.Protocol.Messages;

namespace Pipeline.Broker.Handlers;

/// <summary>DescribeLogDirs (35): size of every partition per log dir, and the dir's capacity (v4+).</summary>
internal sealed class DescribeLogDirsHandler
{
    private readonly BrokerServices _broker;

    public DescribeLogDirsHandler(BrokerServices broker)
    {
        _broker = broker;
    }

    public IResponseMessage Handle(RequestContext context, DescribeLogDirsRequest request)
    {
        HashSet<(string, int)>? wanted = null;
        if (request.Topics is not null)
        {
            wanted = [];
            foreach (var t in request.Topics)
            {
                foreach (var p in t.Partitions)
                {
                    wanted.Add((t.Topic, p));
                }
            }
        }

        var response = new DescribeLogDirsResponse();
        foreach (var dir in _broker.Config.LogDirs)
        {
            var result = new DescribeLogDirsResponse.DescribeLogDirsResult { LogDir = dir };
            try
            {
                var drive = new DriveInfo(dir);
                result.TotalBytes = drive.TotalSize;
                result.UsableBytes = drive.AvailableFreeSpace;
            }
            catch (IOException)
            {
            }

            foreach (var group in _broker.Replicas.Partitions
                .Where(p => p.Log.Dir.StartsWith(dir + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .Where(p => wanted is null || wanted.Contains((p.TopicPartition.Topic, p.TopicPartition.Partition)))
                .GroupBy(p => p.TopicPartition.Topic, StringComparer.Ordinal))
            {
                var topic = new DescribeLogDirsResponse.DescribeLogDirsTopic { Name = group.Key };
                foreach (var p in group.OrderBy(p => p.TopicPartition.Partition))
                {
                    topic.Partitions.Add(new DescribeLogDirsResponse.DescribeLogDirsPartition
                    {
                        PartitionIndex = p.TopicPartition.Partition,
                        PartitionSize = p.Log.SizeInBytes,
                        OffsetLag = 0,
                    });
                }

                result.Topics.Add(topic);
            }

            response.Results.Add(result);
        }

        return response;
    }
}
