using Pipeline.Connect.Api;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>Kafka's <c>TimestampConverter$Value</c>: TimestampConverter applied to the record's value.</summary>
[PluginAlias("org.apache.kafka.connect.transforms.TimestampConverter$Value", "TimestampConverter$Value")]
public sealed class TimestampConverterValue() : TimestampConverter(operatesOnKey: false);
