using System.Globalization;
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

            IReadOnlyList<ConfigEntryDescription> entries;
            switch (resource.ResourceType)
            {
                case ConfigResourceType.Topic:
                    if (!_broker.Controller.Image.TopicsByName.TryGetValue(resource.ResourceName, out var topic))
                    {
                        result.ErrorCode = (short)ErrorCode.UnknownTopicOrPartition;
                        result.ErrorMessage = $"Topic '{resource.ResourceName}' does not exist.";
                        continue;
                    }

                    entries = _describer.DescribeTopic(topic.Configs);
                    break;
                case ConfigResourceType.Broker:
                    if (resource.ResourceName.Length > 0 && resource.ResourceName != _broker.NodeId.ToString(CultureInfo.InvariantCulture))
                    {
                        result.ErrorCode = (short)ErrorCode.InvalidRequest;
                        result.ErrorMessage = $"Unexpected broker id, expected {_broker.NodeId} or empty string, but received {resource.ResourceName}";
                        continue;
                    }

                    entries = _describer.DescribeBroker();
                    break;
                case ConfigResourceType.BrokerLogger:
                    entries = [];
                    break;
                default:
                    result.ErrorCode = (short)ErrorCode.InvalidRequest;
                    result.ErrorMessage = $"Unsupported resource type {resource.ResourceType}";
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
}
