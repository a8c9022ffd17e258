namespace Pipeline.Client.Config;

/// <summary>Admin client settings with Kafka's defaults (AdminClientConfig).</summary>
public sealed record AdminClientOptions : ClientOptions
{
    public static AdminClientOptions Default { get; } = new();

    private static readonly ConfigDef Def = DefineCommon(new ConfigDef(), requestTimeoutMs: 30000)
        .Define(ConfigNames.DefaultApiTimeoutMs, ConfigValueType.Int, "60000", "Time allowed for one admin operation, retries included.", ConfigValidators.AtLeast(0))
        .Define(ConfigNames.Retries, ConfigValueType.Int, "2147483647", "Retries of a failed request.", ConfigValidators.AtLeast(0));

    /// <summary>default.api.timeout.ms: the deadline of an operation that does not set its own.</summary>
    public TimeSpan DefaultApiTimeout { get; init; } = TimeSpan.FromMinutes(1);

    public int Retries { get; init; } = int.MaxValue;

    public static AdminClientOptions FromConfig(IEnumerable<KeyValuePair<string, string>> config)
    {
        var c = Def.Parse(config);
        var options = ApplyCommon(Default, c) with
        {
            DefaultApiTimeout = c.GetMilliseconds(ConfigNames.DefaultApiTimeoutMs),
            Retries = c.GetInt(ConfigNames.Retries),
        };
        options.Validate();
        return options;
    }

    public override IReadOnlyDictionary<string, string> ToConfig() =>
        new Dictionary<string, string>(base.ToConfig(), StringComparer.Ordinal)
        {
            [ConfigNames.DefaultApiTimeoutMs] = Ms(DefaultApiTimeout),
            [ConfigNames.Retries] = Text(Retries),
        };
}
