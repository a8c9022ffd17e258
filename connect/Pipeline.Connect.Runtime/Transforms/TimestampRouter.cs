using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Errors;
using Pipeline.Connect.Api.Transforms;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>
/// Kafka's <c>TimestampRouter</c>: the topic becomes <c>topic.format</c> with <c>${topic}</c> and
/// <c>${timestamp}</c> (the record timestamp in <c>timestamp.format</c>, a SimpleDateFormat
/// pattern, UTC) substituted. Records without a timestamp fail.
/// </summary>
[PluginAlias("org.apache.kafka.connect.transforms.TimestampRouter")]
public sealed class TimestampRouter : ITransformation, IVersioned
{
    public const string TopicFormatConfig = "topic.format";
    public const string TimestampFormatConfig = "timestamp.format";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(TopicFormatConfig, ConfigType.String, "${topic}-${timestamp}", ConfigValidators.NonEmptyString, Importance.High, "Format string which can contain <code>${topic}</code> and <code>${timestamp}</code> as placeholders for the topic and timestamp, respectively.")
        .Define(TimestampFormatConfig, ConfigType.String, "yyyyMMdd", ConfigValidators.NonEmptyString, Importance.High, "Format string for the timestamp that is compatible with <code>java.text.SimpleDateFormat</code>.");

    private string _topicFormat = "";
    private JavaDateFormat? _timestampFormat;

    public ConfigDef Config => Definition;

    public string Version => BuiltInTransforms.Version;

    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = TransformValidators.Parse(Definition, configs);
        _topicFormat = config.GetString(TopicFormatConfig)!;
        var pattern = config.GetString(TimestampFormatConfig)!;
        try
        {
            _timestampFormat = new JavaDateFormat(pattern);
        }
        catch (ArgumentException e)
        {
            throw new ConfigException(TimestampFormatConfig, pattern, e.Message);
        }
    }

    public ConnectRecord? Apply(ConnectRecord record)
    {
        var timestamp = record.Timestamp ?? throw new DataException("Timestamp missing on record: " + record);
        var formatted = _timestampFormat!.Format(DateTimeOffset.FromUnixTimeMilliseconds(timestamp));
        var topic = _topicFormat.Replace("${topic}", record.Topic, StringComparison.Ordinal).Replace("${timestamp}", formatted, StringComparison.Ordinal);
        return record.NewRecord(topic, record.KafkaPartition, record.KeySchema, record.Key, record.ValueSchema, record.Value, record.Timestamp);
    }

    public void Dispose()
    {
    }
}
