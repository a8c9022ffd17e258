using Pipeline.Connect.Api;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>Kafka's <c>HeaderFrom$Value</c>: HeaderFrom applied to the record's value.</summary>
[PluginAlias("org.apache.kafka.connect.transforms.HeaderFrom$Value", "HeaderFrom$Value")]
public sealed class HeaderFromValue() : HeaderFrom(operatesOnKey: false);
