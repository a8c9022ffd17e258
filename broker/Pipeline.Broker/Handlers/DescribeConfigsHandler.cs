using System.Globalization;
using Pipeline.Broker.Controller;
using Pipeline.Broker.Metadata;
using Pipeline.Broker.Network;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;
using Pipeline.Storage.Config;

namespace Pipeline.Broker.Handlers;

/// <summary>
/// DescribeConfigs (32) for topics and this broker: effective values with their source (v1+),
/// synonym chains when asked (v1+), types and documentation (v3+). v0 reports IsDefault instead.
/// </summary>
internal sealed class DescribeConfigsHandler
{
    private readonly BrokerServices _broker;
    private readonly TopicConfigDescriber _describer;

    public DescribeConfigsHandler(BrokerServices broker, TopicConfigDescriber describer)
    {
        _broker = broker;
        _describer = describer;
    }

    public IResponseMessage Handle(RequestContext context, DescribeConfigsRequest request)
    {
        var response = new DescribeConfigsResponse();
        foreach (var resource in request.Resources)
        {
            var result = new DescribeConfigsResponse.DescribeConfigsResult
            {
                ResourceType = resource.ResourceType,
                ResourceName = resource.ResourceName,
            };
            response.Results.Add(result);

            var error = Describe(resource, out var entries);
            if (error.IsError)
            {
                result.ErrorCode = error.Wire;
                result.ErrorMessage = error.Message;
                continue;
            }

            HashSet<string>? keys = resource.ConfigurationKeys is { Count: > 0 } k ? new HashSet<string>(k, StringComparer.Ordinal) : null;
            foreach (var e in entries)
            {
                if (keys is not null && !keys.Contains(e.Name))
                {
                    continue;
                }

                var entry = new DescribeConfigsResponse.DescribeConfigsResourceResult
                {
                    Name = e.Name,
                    Value = e.Value,
                    ReadOnly = e.IsReadOnly,
                    IsDefault = e.Source == ConfigSource.DefaultConfig,
                    ConfigSource = (sbyte)e.Source,
                    IsSensitive = e.IsSensitive,
                    ConfigType = (sbyte)e.Type,
                    Documentation = request.IncludeDocumentation ? e.Documentation : null,
                };
                if (request.IncludeSynonyms)
                {
                    foreach (var s in e.Synonyms)
                    {
                        entry.Synonyms.Add(new DescribeConfigsResponse.DescribeConfigsSynonym { Name = s.Name, Value = s.Value, Source = (sbyte)s.Source });
                    }
                }

                result.Configs.Add(entry);
            }
        }

        return response;
    }

    /// <summary>The entries of one resource, or Kafka's error for it (ConfigHelper.describeConfigs).</summary>
    private ApiError Describe(DescribeConfigsRequest.DescribeConfigsResource resource, out IReadOnlyList<ConfigEntryDescription> entries)
    {
        entries = [];
        var name = resource.ResourceName;
        switch (resource.ResourceType)
        {
            case ConfigResourceType.Topic:
                if (TopicNames.Validate(name) is { } invalid)
                {
                    return new ApiError(ErrorCode.InvalidTopicException, invalid);
                }

                if (!_broker.Controller.Image.TopicsByName.TryGetValue(name, out var topic))
                {
                    return new ApiError(ErrorCode.UnknownTopicOrPartition, $"Topic '{name}' does not exist.");
                }

                entries = _describer.DescribeTopic(topic.Configs);
                return ApiError.None;
            case ConfigResourceType.Broker:
                // An empty name asks for the cluster-wide dynamic defaults: broker configs are static here, so there are none.
                if (name.Length == 0)
                {
                    return ApiError.None;
                }

                var brokerError = CheckBrokerId(name);
                if (brokerError.IsError)
                {
                    return brokerError;
                }

                entries = _describer.DescribeBroker();
                return ApiError.None;
            case ConfigResourceType.BrokerLogger:
                return name.Length == 0 ? new ApiError(ErrorCode.InvalidRequest, "Broker id must not be empty") : CheckBrokerId(name);
            default:
                return new ApiError(ErrorCode.InvalidRequest, $"Unsupported resource type: {resource.ResourceType}");
        }
    }

    private ApiError CheckBrokerId(string name)
    {
        if (!int.TryParse(name, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
        {
            return new ApiError(ErrorCode.InvalidRequest, $"Broker id must be an integer, but it is: {name}");
        }

        return id == _broker.NodeId
            ? ApiError.None
            : new ApiError(ErrorCode.InvalidRequest, $"Unexpected broker id, expected {_broker.NodeId} or empty string, but received {name}");
    }
}
