using Pipeline.Broker.Metadata;
using Pipeline.Protocol;

namespace Pipeline.Broker.Controller;

/// <summary>
/// Places the partitions of a new topic on the live brokers, or checks a manual placement, with
/// the checks and messages of Kafka's ReplicationControlManager. Stateless: one per change.
/// </summary>
internal sealed class PartitionPlacer
{
    private readonly IReadOnlyList<int> _liveBrokers;
    private readonly ControllerOptions _options;

    public PartitionPlacer(IReadOnlyList<int> liveBrokers, ControllerOptions options)
    {
        _liveBrokers = liveBrokers;
        _options = options;
    }

    public ApiError PlaceManually(CreateTopicSpec spec, IReadOnlyDictionary<int, IReadOnlyList<int>> assignments, out List<PartitionImage>? partitions)
    {
        partitions = null;
        if (spec.ReplicationFactor != -1)
        {
            return new ApiError(ErrorCode.InvalidRequest, "A manual partition assignment was specified, but replication factor was not set to -1.");
        }

        if (spec.NumPartitions != -1)
        {
            return new ApiError(ErrorCode.InvalidRequest, "A manual partition assignment was specified, but numPartitions was not set to -1.");
        }

        var placed = new List<PartitionImage>(assignments.Count);
        for (var i = 0; i < assignments.Count; i++)
        {
            if (!assignments.TryGetValue(i, out var replicas))
            {
                return new ApiError(ErrorCode.InvalidReplicaAssignment, "partitions should be a consecutive 0-based integer sequence");
            }

            var check = ValidateReplicas(replicas, i);
            if (check.IsError)
            {
                return check;
            }

            placed.Add(new PartitionImage(i, replicas[0], 0, replicas.ToArray(), replicas.ToArray()));
        }

        partitions = placed;
        return ApiError.None;
    }

    public ApiError Place(CreateTopicSpec spec, out List<PartitionImage>? partitions)
    {
        partitions = null;
        if (spec.ReplicationFactor < -1 || spec.ReplicationFactor == 0)
        {
            return new ApiError(ErrorCode.InvalidReplicationFactor, "Replication factor must be larger than 0, or -1 to use the default value.");
        }

        if (spec.NumPartitions < -1 || spec.NumPartitions == 0)
        {
            return new ApiError(ErrorCode.InvalidPartitions, "Number of partitions was set to an invalid non-positive value.");
        }

        var count = spec.NumPartitions == -1 ? _options.DefaultNumPartitions : spec.NumPartitions;
        var rf = spec.ReplicationFactor == -1 ? _options.DefaultReplicationFactor : spec.ReplicationFactor;
        var brokers = _liveBrokers;
        if (rf > brokers.Count)
        {
            return new ApiError(ErrorCode.InvalidReplicationFactor,
                $"Unable to replicate the partition {rf} time(s): The target replication factor of {rf} cannot be reached because only {brokers.Count} broker(s) are registered.");
        }

        var placed = new List<PartitionImage>(count);
        for (var i = 0; i < count; i++)
        {
            var replicas = Enumerable.Range(0, rf).Select(r => brokers[(i + r) % brokers.Count]).ToArray();
            placed.Add(new PartitionImage(i, replicas[0], 0, replicas, replicas));
        }

        partitions = placed;
        return ApiError.None;
    }

    public ApiError ValidateReplicas(IReadOnlyList<int> replicas, int partition)
    {
        if (replicas.Count == 0)
        {
            return new ApiError(ErrorCode.InvalidReplicaAssignment, $"The manual partition assignment includes an empty replica list for partition {partition}.");
        }

        if (replicas.Distinct().Count() != replicas.Count)
        {
            return new ApiError(ErrorCode.InvalidReplicaAssignment, $"The manual partition assignment includes the broker {replicas.GroupBy(r => r).First(g => g.Count() > 1).Key} more than once for partition {partition}.");
        }

        foreach (var r in replicas)
        {
            if (!_liveBrokers.Contains(r))
            {
                return new ApiError(ErrorCode.InvalidReplicaAssignment, $"The manual partition assignment includes broker {r}, but no such broker is registered.");
            }
        }

        return ApiError.None;
    }
}
