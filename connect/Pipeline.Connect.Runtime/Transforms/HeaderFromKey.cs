using Pipeline.Connect.Api;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>Kafka's <c>HeaderFrom$Key</c>: HeaderFrom applied to the record's key.</summary>
[PluginAlias("org.apache.kafka.connect.transforms.HeaderFrom$Key", "HeaderFrom$Key")]
public sealed class HeaderFromKey() : HeaderFrom(operatesOnKey: true);
