using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Errors;
using Pipeline.Connect.Api.Transforms;

namespace Pipeline.Connect.Runtime.Tests.Plugins.Fakes;

/// <summary>Appends <c>suffix</c> to string values; a value "boom" throws a DataException.</summary>
[PluginAlias("com.example.transforms.PxSuffix$Value")]
public sealed class PxSuffixTransform : ITransformation
{
    private string _suffix = string.Empty;

    public ConfigDef Config { get; } = new ConfigDef()
        .Define("suffix", ConfigType.String, ConfigDef.NoDefault, ConfigValidators.NonEmptyString, Importance.High, "What to append.")
        .Define("times", ConfigType.Int, 1, ConfigValidators.AtLeast(1), Importance.Low, "How often.");

    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var parsed = Config.Parse(configs);
        _suffix = string.Concat(Enumerable.Repeat((string)parsed["suffix"]!, (int)parsed["times"]!));
    }

    public ConnectRecord? Apply(ConnectRecord record)
    {
        if (record.Value is "boom")
        {
            throw new DataException("boom is not a value");
        }

        return record.NewRecord(record.Topic, record.KafkaPartition, record.KeySchema, record.Key, record.ValueSchema, record.Value + _suffix, record.Timestamp);
    }

    public void Dispose()
    {
    }
}
