using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Transforms;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>
/// Kafka's <c>InsertHeader</c>: appends header <c>header</c> whose value is <c>value.literal</c>,
/// typed the way Kafka's <c>Values.parseString</c> reads it (see <see cref="LiteralValues"/>).
/// </summary>
[PluginAlias("org.apache.kafka.connect.transforms.InsertHeader")]
public sealed class InsertHeader : ITransformation, IVersioned
{
    public const string HeaderConfig = "header";
    public const string ValueLiteralConfig = "value.literal";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(HeaderConfig, ConfigType.String, ConfigDef.NoDefault, ConfigValidators.NonNull, Importance.High, "The name of the header.")
        .Define(ValueLiteralConfig, ConfigType.String, ConfigDef.NoDefault, ConfigValidators.NonNull, Importance.High, "The literal value that is to be set as the header value on all records.");

    private string _header = "";
    private SchemaAndValue _literal;

    public ConfigDef Config => Definition;

    public string Version => BuiltInTransforms.Version;

    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = TransformValidators.Parse(Definition, configs);
        _header = config.GetString(HeaderConfig)!;

        // The parsed config trims; the literal keeps its spaces as Kafka's does.
        _literal = LiteralValues.Parse(configs.TryGetValue(ValueLiteralConfig, out var raw) ? raw : config.GetString(ValueLiteralConfig)!);
    }

    public ConnectRecord? Apply(ConnectRecord record)
    {
        var headers = record.Headers.Duplicate();
        headers.Add(_header, _literal);
        return record.NewRecord(record.Topic, record.KafkaPartition, record.KeySchema, record.Key, record.ValueSchema, record.Value, record.Timestamp, headers);
    }

    public void Dispose()
    {
    }
}
