namespace Pipeline.Connect.Runtime.Errors;

/// <summary>Kafka's names of the stages, as the DLQ's <c>__connect.errors.stage</c> header and the error log show them.</summary>
public static class StageNames
{
    /// <summary>KEY_CONVERTER, VALUE_CONVERTER, ..., TASK_PUT, TASK_POLL.</summary>
    public static string KafkaName(this Stage stage, bool sink = true) => stage switch
    {
        Stage.KeyConverter => "KEY_CONVERTER",
        Stage.ValueConverter => "VALUE_CONVERTER",
        Stage.HeaderConverter => "HEADER_CONVERTER",
        Stage.Transformation => "TRANSFORMATION",
        Stage.Task => sink ? "TASK_PUT" : "TASK_POLL",
        Stage.TaskPut => "TASK_PUT",
        Stage.TaskPoll => "TASK_POLL",
        Stage.KafkaProduce => "KAFKA_PRODUCE",
        Stage.KafkaConsume => "KAFKA_CONSUME",
        _ => stage.ToString().ToUpperInvariant(),
    };
}
