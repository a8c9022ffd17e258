using Pipeline.Protocol;
using Pipeline.Protocol.Messages;
using Pipeline.Protocol.Primitives;
using Pipeline.Testing.Kafka;

namespace Pipeline.Broker.Tests.Support;

/// <summary>
/// One-call admin requests for the handler tests, at a version the caller picks (default: the
/// newest). They return the broker's answer for the one resource asked about; asserting is the
/// test's job. KafkaTestOperations covers the data-path requests.
/// </summary>
public static class AdminRequests
{
    public const sbyte TopicResource = 2;
    public const sbyte BrokerResource = 4;

    public static CreateTopicsRequest.CreatableTopic NewTopic(string name, int partitions = 1, short replicationFactor = 1, params (string Key, string? Value)[] configs)
    {
        var topic = new CreateTopicsRequest.CreatableTopic { Name = name, NumPartitions = partitions, ReplicationFactor = replicationFactor };
        foreach (var (k, v) in configs)
        {
            topic.Configs.Add(new CreateTopicsRequest.CreatableTopicConfig { Name = k, Value = v });
        }

        return topic;
    }

    public static async Task<CreateTopicsResponse.CreatableTopicResult> CreateTopicAsync(this KafkaTestClient client, CreateTopicsRequest.CreatableTopic topic, bool validateOnly = false, short version = CreateTopicsRequest.HighestSupportedVersion)
    {
        var response = await client.SendAsync<CreateTopicsResponse>(new CreateTopicsRequest { Topics = [topic], TimeoutMs = 10_000, ValidateOnly = validateOnly }, version);
        return response.Topics.Single();
    }

    /// <summary>Creates a topic and fails unless the broker says it did; returns its id.</summary>
    public static async Task<Uuid> CreateTopicOrFailAsync(this KafkaTestClient client, string name, int partitions = 1, params (string Key, string? Value)[] configs)
    {
        var result = await client.CreateTopicAsync(NewTopic(name, partitions, 1, configs));
        if (result.ErrorCode != 0)
        {
            throw new InvalidOperationException($"CreateTopics {name}: {(ErrorCode)result.ErrorCode} {result.ErrorMessage}");
        }

        return result.TopicId;
    }

    public static async Task<DeleteTopicsResponse.DeletableTopicResult> DeleteTopicAsync(this KafkaTestClient client, string name, short version = DeleteTopicsRequest.HighestSupportedVersion)
    {
        var request = new DeleteTopicsRequest { TimeoutMs = 10_000 };
        if (version >= 6)
        {
            request.Topics.Add(new DeleteTopicsRequest.DeleteTopicState { Name = name });
        }
        else
        {
            request.TopicNames.Add(name);
        }

        var response = await client.SendAsync<DeleteTopicsResponse>(request, version);
        return response.Responses.Single();
    }

    public static async Task<DescribeConfigsResponse.DescribeConfigsResult> DescribeConfigsAsync(
        this KafkaTestClient client,
        sbyte resourceType,
        string name,
        IReadOnlyList<string>? keys = null,
        bool synonyms = false,
        bool documentation = false,
        short version = DescribeConfigsRequest.HighestSupportedVersion)
    {
        var request = new DescribeConfigsRequest
        {
            Resources = [new DescribeConfigsRequest.DescribeConfigsResource { ResourceType = resourceType, ResourceName = name, ConfigurationKeys = keys?.ToList() }],
            IncludeSynonyms = synonyms,
            IncludeDocumentation = documentation,
        };
        var response = await client.SendAsync<DescribeConfigsResponse>(request, version);
        return response.Results.Single();
    }

    /// <summary>The effective value of one topic config, failing on an error.</summary>
    public static async Task<DescribeConfigsResponse.DescribeConfigsResourceResult> TopicConfigAsync(this KafkaTestClient client, string topic, string key)
    {
        var result = await client.DescribeConfigsAsync(TopicResource, topic, [key], synonyms: true);
        if (result.ErrorCode != 0)
        {
            throw new InvalidOperationException($"DescribeConfigs {topic}: {(ErrorCode)result.ErrorCode} {result.ErrorMessage}");
        }

        return result.Configs.Single();
    }

    public static async Task<IncrementalAlterConfigsResponse.AlterConfigsResourceResponse> IncrementalAlterTopicAsync(
        this KafkaTestClient client,
        string topic,
        bool validateOnly,
        params (string Name, ConfigOp Op, string? Value)[] changes) =>
        await client.IncrementalAlterAsync(TopicResource, topic, validateOnly, IncrementalAlterConfigsRequest.HighestSupportedVersion, changes);

    public static async Task<IncrementalAlterConfigsResponse.AlterConfigsResourceResponse> IncrementalAlterAsync(
        this KafkaTestClient client,
        sbyte resourceType,
        string name,
        bool validateOnly,
        short version,
        params (string Name, ConfigOp Op, string? Value)[] changes)
    {
        var resource = new IncrementalAlterConfigsRequest.AlterConfigsResource { ResourceType = resourceType, ResourceName = name };
        foreach (var (key, op, value) in changes)
        {
            resource.Configs.Add(new IncrementalAlterConfigsRequest.AlterableConfig { Name = key, ConfigOperation = (sbyte)op, Value = value });
        }

        var response = await client.SendAsync<IncrementalAlterConfigsResponse>(new IncrementalAlterConfigsRequest { Resources = [resource], ValidateOnly = validateOnly }, version);
        return response.Responses.Single();
    }

    public static async Task<AlterConfigsResponse.AlterConfigsResourceResponse> AlterTopicConfigsAsync(
        this KafkaTestClient client,
        string topic,
        bool validateOnly,
        short version,
        params (string Name, string? Value)[] configs)
    {
        var resource = new AlterConfigsRequest.AlterConfigsResource { ResourceType = TopicResource, ResourceName = topic };
        foreach (var (key, value) in configs)
        {
            resource.Configs.Add(new AlterConfigsRequest.AlterableConfig { Name = key, Value = value });
        }

        var response = await client.SendAsync<AlterConfigsResponse>(new AlterConfigsRequest { Resources = [resource], ValidateOnly = validateOnly }, version);
        return response.Responses.Single();
    }

    public static async Task<MetadataResponse.MetadataResponseTopic> TopicMetadataAsync(this KafkaTestClient client, string topic)
    {
        var response = await client.MetadataAsync(topic);
        return response.Topics.Single();
    }

    /// <summary>True when Metadata (without auto-creation) knows the topic.</summary>
    public static async Task<bool> TopicExistsAsync(this KafkaTestClient client, string topic) =>
        (await client.TopicMetadataAsync(topic)).ErrorCode == 0;
}
