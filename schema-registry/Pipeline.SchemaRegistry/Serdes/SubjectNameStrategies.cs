namespace Pipeline.SchemaRegistry.Serdes;

/// <summary>Subject names from a strategy, and the strategy names Confluent's configs use.</summary>
public static class SubjectNameStrategies
{
    /// <param name="recordName">The full name of the schema's top-level type; required by the record strategies.</param>
    public static string SubjectName(SubjectNameStrategy strategy, string topic, bool isKey, string? recordName) => strategy switch
    {
        SubjectNameStrategy.Topic => topic + (isKey ? "-key" : "-value"),
        SubjectNameStrategy.Record => recordName ?? throw new InvalidOperationException("RecordNameStrategy needs a named schema (record, enum or fixed)"),
        _ => topic + "-" + (recordName ?? throw new InvalidOperationException("TopicRecordNameStrategy needs a named schema (record, enum or fixed)")),
    };

    /// <summary>Accepts the Java class names (io.confluent.kafka.serializers.subject.TopicNameStrategy) or the short ones.</summary>
    public static SubjectNameStrategy Parse(string text)
    {
        var name = text.Trim();
        var dot = name.LastIndexOf('.');
        return (dot >= 0 ? name[(dot + 1)..] : name) switch
        {
            "TopicNameStrategy" or "Topic" => SubjectNameStrategy.Topic,
            "RecordNameStrategy" or "Record" => SubjectNameStrategy.Record,
            "TopicRecordNameStrategy" or "TopicRecord" => SubjectNameStrategy.TopicRecord,
            _ => throw new ArgumentException($"unknown subject name strategy '{text}' (TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy)", nameof(text)),
        };
    }
}
