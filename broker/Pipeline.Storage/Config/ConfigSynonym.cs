namespace Pipeline.Storage.Config;

/// <summary>One element of a DescribeConfigs synonym chain (v1+): where a value could come from.</summary>
public sealed record ConfigSynonym(string Name, string? Value, ConfigSource Source);
