namespace Pipeline.SchemaRegistry.Serdes;

/// <summary>How a serializer names the subject of a key or value (io.confluent.kafka.serializers.subject.*).</summary>
public enum SubjectNameStrategy
{
    /// <summary><c>&lt;topic&gt;-key</c> / <c>&lt;topic&gt;-value</c> (the default).</summary>
    Topic,

    /// <summary>The record's full name, e.g. <c>com.acme.Order</c>.</summary>
    Record,

    /// <summary><c>&lt;topic&gt;-&lt;record full name&gt;</c>.</summary>
    TopicRecord,
}
