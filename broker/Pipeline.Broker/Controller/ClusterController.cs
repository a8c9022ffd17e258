using Microsoft.Extensions.Logging;
using Pipeline.Broker.Metadata;
using Pipeline.Protocol;
using Pipeline.Protocol.Primitives;

namespace Pipeline.Broker.Controller;

/// <summary>
/// The controller of a single-node cluster: validates topic changes, applies them to the metadata
/// image, persists the image and publishes it to listeners (the replica manager), all under one
/// async lock, so changes are totally ordered. Error codes and messages follow Kafka's controller.
/// </summary>
public sealed class ClusterController
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly MetadataStore _store;
    private readonly List<IMetadataListener> _listeners = [];
    private readonly ControllerOptions _options;
    private readonly ILogger _log;
    private MetadataImage _image;

    public ClusterController(MetadataStore store, MetadataImage initial, ControllerOptions options, ILoggerFactory loggers)
    {
        _store = store;
        _image = initial;
        _options = options;
        _log = loggers.CreateLogger<ClusterController>();
    }

    public MetadataImage Image => Volatile.Read(ref _image);

    public int NodeId => _options.NodeId;

    /// <summary>Brokers that can hold replicas (one, for now).</summary>
    public IReadOnlyList<int> LiveBrokers => [_options.NodeId];

    private PartitionPlacer Placer => new(LiveBrokers, _options);

    public void AddListener(IMetadataListener listener) => _listeners.Add(listener);

    public async Task<(ApiError Error, TopicImage? Topic)> CreateTopicAsync(CreateTopicSpec spec, bool validateOnly)
    {
        await _lock.WaitAsync().ConfigureAwait(false);
        try
        {
            var image = _image;
            var error = ValidateNewTopic(image, spec, out var topic);
            if (error.IsError || validateOnly)
            {
                return (error, topic);
            }

            await PublishAsync(image.WithTopic(topic!)).ConfigureAwait(false);
            ControllerLog.TopicCreated(_log, topic!.Name, topic.TopicId.ToString(), topic.PartitionCount);
            return (ApiError.None, topic);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Kafka's order: name, existence, collisions, configs, then placement.</summary>
    private ApiError ValidateNewTopic(MetadataImage image, CreateTopicSpec spec, out TopicImage? topic)
    {
        topic = null;
        if (TopicNames.Validate(spec.Name) is { } invalid)
        {
            return new ApiError(ErrorCode.InvalidTopicException, invalid);
        }

        if (image.TopicsByName.ContainsKey(spec.Name))
        {
            return new ApiError(ErrorCode.TopicAlreadyExists, $"Topic '{spec.Name}' already exists.");
        }

        var normalized = TopicNames.Normalize(spec.Name);
        foreach (var existing in image.TopicsByName.Keys)
        {
            if (TopicNames.Normalize(existing) == normalized)
            {
                return new ApiError(ErrorCode.InvalidTopicException, $"Topic '{spec.Name}' collides with existing topic: {existing}");
            }
        }

        var configs = new Dictionary<string, string>(StringComparer.Ordinal);
        var nulls = spec.Configs.Where(c => c.Value is null).Select(c => c.Key).ToList();
        if (nulls.Count > 0)
        {
            return new ApiError(ErrorCode.InvalidConfig, $"Null value not supported for topic configs: {string.Join(",", nulls)}");
        }

        foreach (var (key, value) in spec.Configs)
        {
            configs[key] = value!;
        }

        var configError = _options.ValidateTopicConfigs(configs);
        if (configError.IsError)
        {
            return configError;
        }

        var placement = spec.Assignments is { Count: > 0 } assignments
            ? Placer.PlaceManually(spec, assignments, out var partitions)
            : Placer.Place(spec, out partitions);
        if (placement.IsError)
        {
            return placement;
        }

        topic = new TopicImage(spec.Name, spec.TopicId ?? Uuid.NewRandom(), partitions!, configs);
        return ApiError.None;
    }

    public async Task<ApiError> DeleteTopicAsync(string name)
    {
        await _lock.WaitAsync().ConfigureAwait(false);
        try
        {
            var image = _image;
            if (!image.TopicsByName.TryGetValue(name, out var topic))
            {
                return new ApiError(ErrorCode.UnknownTopicOrPartition, "This server does not host this topic-partition.");
            }

            await PublishAsync(image.WithoutTopic(name)).ConfigureAwait(false);
            ControllerLog.TopicDeleted(_log, name, topic.TopicId.ToString());
            return ApiError.None;
        }
        finally
        {
            _lock.Release();
        }
    }

    public async Task<ApiError> CreatePartitionsAsync(string name, int count, IReadOnlyList<IReadOnlyList<int>>? assignments, bool validateOnly)
    {
        await _lock.WaitAsync().ConfigureAwait(false);
        try
        {
            var image = _image;
            if (!image.TopicsByName.TryGetValue(name, out var topic))
            {
                return new ApiError(ErrorCode.UnknownTopicOrPartition, "This server does not host this topic-partition.");
            }

            var current = topic.PartitionCount;
            if (count == current)
            {
                return new ApiError(ErrorCode.InvalidPartitions, $"Topic already has {current} partition(s).");
            }

            if (count < current)
            {
                return new ApiError(ErrorCode.InvalidPartitions, $"The topic {name} currently has {current} partition(s); {count} would not be an increase.");
            }

            var added = count - current;
            if (assignments is not null && assignments.Count != added)
            {
                return new ApiError(ErrorCode.InvalidReplicaAssignment, $"Attempted to add {added} additional partition(s), but only {assignments.Count} assignment(s) were specified.");
            }

            var rf = topic.ReplicationFactor;
            var brokers = LiveBrokers;
            var partitions = topic.Partitions.ToList();
            for (var i = current; i < count; i++)
            {
                IReadOnlyList<int> replicas;
                if (assignments is not null)
                {
                    replicas = assignments[i - current];
                    var check = Placer.ValidateReplicas(replicas, i);
                    if (check.IsError)
                    {
                        return check;
                    }
                }
                else
                {
                    replicas = Enumerable.Range(0, Math.Min(rf, (short)brokers.Count)).Select(r => brokers[(i + r) % brokers.Count]).ToArray();
                }

                partitions.Add(new PartitionImage(i, replicas[0], 0, replicas.ToArray(), replicas.ToArray()));
            }

            if (validateOnly)
            {
                return ApiError.None;
            }

            await PublishAsync(image.WithTopic(topic with { Partitions = partitions })).ConfigureAwait(false);
            return ApiError.None;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Replaces a topic's config overrides with what <paramref name="change"/> returns (validated).</summary>
    public async Task<ApiError> AlterTopicConfigsAsync(string name, Func<IReadOnlyDictionary<string, string>, (ApiError Error, Dictionary<string, string>? Configs)> change, bool validateOnly)
    {
        await _lock.WaitAsync().ConfigureAwait(false);
        try
        {
            var image = _image;
            if (!image.TopicsByName.TryGetValue(name, out var topic))
            {
                return new ApiError(ErrorCode.UnknownTopicOrPartition, $"The topic '{name}' does not exist.");
            }

            var (error, configs) = change(topic.Configs);
            if (error.IsError)
            {
                return error;
            }

            var configError = _options.ValidateTopicConfigs(configs!);
            if (configError.IsError || validateOnly)
            {
                return configError;
            }

            await PublishAsync(image.WithTopic(topic with { Configs = configs! })).ConfigureAwait(false);
            return ApiError.None;
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task PublishAsync(MetadataImage next)
    {
        _store.Save(next);
        var previous = _image;
        Volatile.Write(ref _image, next);
        foreach (var listener in _listeners)
        {
            await listener.OnMetadataChangedAsync(previous, next).ConfigureAwait(false);
        }
    }

    /// <summary>Publishes the loaded image at start (listeners create/recover the partitions).</summary>
    public async Task StartAsync()
    {
        await _lock.WaitAsync().ConfigureAwait(false);
        try
        {
            foreach (var listener in _listeners)
            {
                await listener.OnMetadataChangedAsync(MetadataImage.Empty, _image).ConfigureAwait(false);
            }
        }
        finally
        {
            _lock.Release();
        }
    }
}
