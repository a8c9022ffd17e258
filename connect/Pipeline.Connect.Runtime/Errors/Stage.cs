namespace Pipeline.Connect.Runtime.Errors;

/// <summary>Where in a task's pipeline an operation runs (Kafka's <c>Stage</c>; <see cref="StageNames.KafkaName"/> gives its DLQ header text).</summary>
public enum Stage
{
    KeyConverter,
    ValueConverter,
    HeaderConverter,
    Transformation,

    /// <summary>The task's own code: SinkTask.PutAsync or SourceTask.PollAsync.</summary>
    Task,
    KafkaProduce,
    KafkaConsume,

    /// <summary>SinkTask.PutAsync, when the caller wants to be specific.</summary>
    TaskPut,

    /// <summary>SourceTask.PollAsync, when the caller wants to be specific.</summary>
    TaskPoll,
}
