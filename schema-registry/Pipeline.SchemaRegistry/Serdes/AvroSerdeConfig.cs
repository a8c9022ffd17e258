namespace Pipeline.SchemaRegistry.Serdes;

/// <summary>
/// Settings of the Avro serdes, with Confluent's serializer keys (<see cref="FromProperties"/>):
/// auto.register.schemas, use.latest.version, normalize.schemas, key.subject.name.strategy /
/// value.subject.name.strategy.
/// </summary>
public sealed record AvroSerdeConfig
{
    public static AvroSerdeConfig Default { get; } = new();

    /// <summary>auto.register.schemas: register the writer schema (true) or only look it up (false).</summary>
    public bool AutoRegisterSchemas { get; init; } = true;

    /// <summary>use.latest.version: write with the subject's latest schema instead of the value's own.</summary>
    public bool UseLatestVersion { get; init; }

    /// <summary>normalize.schemas.</summary>
    public bool NormalizeSchemas { get; init; }

    public SubjectNameStrategy SubjectNameStrategy { get; init; } = SubjectNameStrategy.Topic;

    /// <param name="isKey">Which of key.subject.name.strategy and value.subject.name.strategy applies.</param>
    public static AvroSerdeConfig FromProperties(IReadOnlyDictionary<string, string> properties, bool isKey)
    {
        bool Flag(string key, bool fallback) => properties.TryGetValue(key, out var v) ? string.Equals(v.Trim(), "true", StringComparison.OrdinalIgnoreCase) : fallback;

        var config = Default with
        {
            AutoRegisterSchemas = Flag("auto.register.schemas", Default.AutoRegisterSchemas),
            UseLatestVersion = Flag("use.latest.version", Default.UseLatestVersion),
            NormalizeSchemas = Flag("normalize.schemas", Default.NormalizeSchemas),
        };
        return properties.TryGetValue(isKey ? "key.subject.name.strategy" : "value.subject.name.strategy", out var strategy)
            ? config with { SubjectNameStrategy = SubjectNameStrategies.Parse(strategy) }
            : config;
    }
}
