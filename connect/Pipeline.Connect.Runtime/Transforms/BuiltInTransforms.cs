using Pipeline.Connect.Runtime.Transforms.Predicates;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>
/// Kafka Connect's built-in SMTs and predicates, for the plugin registry. Each type is public,
/// sealed, has a parameterless constructor and carries <see cref="Api.PluginAliasAttribute"/> with
/// Kafka's class name (<c>org.apache.kafka.connect.transforms.InsertField$Value</c>) and the short
/// form (<c>InsertField$Value</c>). Key/Value variants are separate classes named
/// <c>&lt;Smt&gt;Key</c> and <c>&lt;Smt&gt;Value</c> deriving from the abstract <c>&lt;Smt&gt;</c>.
/// </summary>
public static class BuiltInTransforms
{
    /// <summary>The version every built-in reports (Kafka's built-ins report the Kafka release; this is the release the worker is compatible with).</summary>
    public const string Version = "3.9.0";

    /// <summary>Every <see cref="Api.Transforms.ITransformation"/>.</summary>
    public static IReadOnlyList<Type> Transformations { get; } =
    [
        typeof(CastKey), typeof(CastValue),
        typeof(DropHeaders),
        typeof(ExtractFieldKey), typeof(ExtractFieldValue),
        typeof(Filter),
        typeof(FlattenKey), typeof(FlattenValue),
        typeof(HeaderFromKey), typeof(HeaderFromValue),
        typeof(HoistFieldKey), typeof(HoistFieldValue),
        typeof(InsertFieldKey), typeof(InsertFieldValue),
        typeof(InsertHeader),
        typeof(MaskFieldKey), typeof(MaskFieldValue),
        typeof(RegexRouter),
        typeof(ReplaceFieldKey), typeof(ReplaceFieldValue),
        typeof(SetSchemaMetadataKey), typeof(SetSchemaMetadataValue),
        typeof(TimestampConverterKey), typeof(TimestampConverterValue),
        typeof(TimestampRouter),
        typeof(ValueToKey),
    ];

    /// <summary>Every <see cref="Api.Transforms.IPredicate"/>.</summary>
    public static IReadOnlyList<Type> Predicates { get; } =
    [
        typeof(HasHeaderKey),
        typeof(RecordIsTombstone),
        typeof(TopicNameMatches),
    ];

    /// <summary>Both lists.</summary>
    public static IReadOnlyList<Type> All { get; } = [.. Transformations, .. Predicates];
}
