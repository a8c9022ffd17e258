namespace Pipeline.Client.Serialization;

/// <summary>What a (de)serializer is told about the record: key or value, the topic, and its headers (which a serializer may add to).</summary>
public readonly record struct SerializationContext(MessageComponentType Component, string Topic, Headers? Headers = null);
