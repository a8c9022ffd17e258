using Pipeline.Client.Metadata;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;

namespace Pipeline.Client.Admin;

/// <summary>CreateTopics, DeleteTopics and CreatePartitions (sent to the controller), ListTopics and DescribeTopics (Metadata).</summary>
internal sealed class TopicAdmin
{
    private readonly AdminContext _ctx;

    public TopicAdmin(AdminContext ctx) => _ctx = ctx;

    public async Task<IReadOnlyList<CreateTopicReport>> CreateTopicsAsync(IReadOnlyList<TopicSpecification> topics, AdminCallOptions? options, CancellationToken cancellationToken)
    {
        using var deadline = _ctx.Deadline(options, cancellationToken);
        var byName = topics.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var results = await _ctx.RunAsync("CreateTopics", byName.Keys, deadline, async pending =>
        {
            var connection = await _ctx.ControllerAsync(deadline).ConfigureAwait(false);
            var version = connection.Versions.Require(ApiKey.CreateTopics, minVersion: options?.ValidateOnly == true ? (short)1 : (short)0);
            var request = new CreateTopicsRequest { TimeoutMs = deadline.RemainingMs, ValidateOnly = options?.ValidateOnly ?? false };
            foreach (var name in pending)
            {
                request.Topics.Add(ToCreatable(byName[name]));
            }

            var response = await connection.SendAsync<CreateTopicsResponse>(request, version, cancellationToken: deadline.Token).ConfigureAwait(false);
            return response.Topics.Select(t => KeyValuePair.Create(t.Name, ToReport(t)));
        }, (name, error) => new CreateTopicReport(name, error, default, -1, -1, new Dictionary<string, string?>())).ConfigureAwait(false);
        return AdminContext.Ordered("CreateTopics", topics.Select(t => t.Name), results);
    }

    public async Task<IReadOnlyList<TopicReport>> DeleteTopicsAsync(IReadOnlyList<string> topics, AdminCallOptions? options, CancellationToken cancellationToken)
    {
        using var deadline = _ctx.Deadline(options, cancellationToken);
        var results = await _ctx.RunAsync("DeleteTopics", topics, deadline, async pending =>
        {
            var connection = await _ctx.ControllerAsync(deadline).ConfigureAwait(false);
            var version = connection.Versions.Require(ApiKey.DeleteTopics);
            var request = new DeleteTopicsRequest { TimeoutMs = deadline.RemainingMs };
            foreach (var name in pending)
            {
                if (version >= 6)
                {
                    request.Topics.Add(new DeleteTopicsRequest.DeleteTopicState { Name = name });
                }
                else
                {
                    request.TopicNames.Add(name);
                }
            }

            var response = await connection.SendAsync<DeleteTopicsResponse>(request, version, cancellationToken: deadline.Token).ConfigureAwait(false);
            return response.Responses.Select(r => KeyValuePair.Create(r.Name ?? "", new TopicReport(r.Name ?? "", KafkaError.From(r.ErrorCode, r.ErrorMessage), r.TopicId)));
        }, (name, error) => new TopicReport(name, error)).ConfigureAwait(false);
        _ctx.InvalidateMetadata();
        return AdminContext.Ordered("DeleteTopics", topics, results);
    }

    public async Task<IReadOnlyList<TopicReport>> CreatePartitionsAsync(IReadOnlyList<PartitionsSpecification> specifications, AdminCallOptions? options, CancellationToken cancellationToken)
    {
        using var deadline = _ctx.Deadline(options, cancellationToken);
        var byName = specifications.ToDictionary(s => s.Topic, StringComparer.Ordinal);
        var results = await _ctx.RunAsync("CreatePartitions", byName.Keys, deadline, async pending =>
        {
            var connection = await _ctx.ControllerAsync(deadline).ConfigureAwait(false);
            var version = connection.Versions.Require(ApiKey.CreatePartitions);
            var request = new CreatePartitionsRequest { TimeoutMs = deadline.RemainingMs, ValidateOnly = options?.ValidateOnly ?? false };
            foreach (var name in pending)
            {
                var spec = byName[name];
                var topic = new CreatePartitionsRequest.CreatePartitionsTopic { Name = name, Count = spec.IncreaseTo, Assignments = null };
                if (spec.ReplicaAssignments is { } assignments)
                {
                    topic.Assignments = [.. assignments.Select(a => new CreatePartitionsRequest.CreatePartitionsAssignment { BrokerIds = [.. a] })];
                }

                request.Topics.Add(topic);
            }

            var response = await connection.SendAsync<CreatePartitionsResponse>(request, version, cancellationToken: deadline.Token).ConfigureAwait(false);
            return response.Results.Select(r => KeyValuePair.Create(r.Name, new TopicReport(r.Name, KafkaError.From(r.ErrorCode, r.ErrorMessage))));
        }, (name, error) => new TopicReport(name, error)).ConfigureAwait(false);
        _ctx.InvalidateMetadata();
        return AdminContext.Ordered("CreatePartitions", specifications.Select(s => s.Topic), results);
    }

    public async Task<IReadOnlyList<TopicListing>> ListTopicsAsync(AdminCallOptions? options, CancellationToken cancellationToken)
    {
        using var deadline = _ctx.Deadline(options, cancellationToken);
        var metadata = await _ctx.RetryAsync("ListTopics", deadline, () => _ctx.FetchAsync(null, deadline)).ConfigureAwait(false);
        return [.. metadata.Topics.Values
            .Where(t => t.Error == ErrorCode.None && (options?.ListInternal == true || !t.IsInternal))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => new TopicListing(t.Name, t.TopicId, t.IsInternal))];
    }

    public async Task<IReadOnlyList<TopicDescription>> DescribeTopicsAsync(IReadOnlyList<string> topics, AdminCallOptions? options, CancellationToken cancellationToken)
    {
        using var deadline = _ctx.Deadline(options, cancellationToken);
        var results = await _ctx.RunAsync("DescribeTopics", topics, deadline, async pending =>
        {
            var metadata = await _ctx.FetchAsync(pending, deadline).ConfigureAwait(false);
            return pending.Select(name => KeyValuePair.Create(name, Describe(metadata, name)));
        }, (name, error) => new TopicDescription(name, default, false, [], error)).ConfigureAwait(false);
        return AdminContext.Ordered("DescribeTopics", topics, results);
    }

    private static TopicDescription Describe(ClusterMetadata metadata, string name)
    {
        if (!metadata.TryGetTopic(name, out var t))
        {
            return new TopicDescription(name, default, false, [], new KafkaError(ErrorCode.UnknownTopicOrPartition, $"This server does not host this topic: {name}"));
        }

        if (t.Error != ErrorCode.None)
        {
            return new TopicDescription(name, t.TopicId, t.IsInternal, [], new KafkaError(t.Error, $"topic {name}"));
        }

        var partitions = t.Partitions.Select(p => new TopicPartitionInfo(
            p.Partition,
            p.LeaderId >= 0 ? Node(metadata, p.LeaderId) : null,
            p.LeaderEpoch,
            [.. p.Replicas.Select(r => Node(metadata, r))],
            [.. p.Isr.Select(r => Node(metadata, r))],
            [.. p.OfflineReplicas.Select(r => Node(metadata, r))])).ToList();
        return new TopicDescription(name, t.TopicId, t.IsInternal, partitions, KafkaError.None);
    }

    /// <summary>A node by id; one that metadata does not list (offline) is reported with no address.</summary>
    internal static BrokerNode Node(ClusterMetadata metadata, int id) =>
        metadata.Brokers.TryGetValue(id, out var b) ? b : new BrokerNode(id, "", -1, null);

    private static CreateTopicsRequest.CreatableTopic ToCreatable(TopicSpecification spec)
    {
        var topic = new CreateTopicsRequest.CreatableTopic
        {
            Name = spec.Name,
            NumPartitions = spec.ReplicasAssignments is null ? spec.NumPartitions : -1,
            ReplicationFactor = spec.ReplicasAssignments is null ? spec.ReplicationFactor : (short)-1,
        };
        foreach (var (partition, brokers) in spec.ReplicasAssignments ?? new Dictionary<int, IReadOnlyList<int>>())
        {
            topic.Assignments.Add(new CreateTopicsRequest.CreatableReplicaAssignment { PartitionIndex = partition, BrokerIds = [.. brokers] });
        }

        foreach (var (name, value) in spec.Configs ?? new Dictionary<string, string>())
        {
            topic.Configs.Add(new CreateTopicsRequest.CreatableTopicConfig { Name = name, Value = value });
        }

        return topic;
    }

    private static CreateTopicReport ToReport(CreateTopicsResponse.CreatableTopicResult t)
    {
        var configs = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var c in t.Configs ?? [])
        {
            configs[c.Name] = c.Value;
        }

        return new CreateTopicReport(t.Name, KafkaError.From(t.ErrorCode, t.ErrorMessage), t.TopicId, t.NumPartitions, t.ReplicationFactor, configs);
    }
}
