namespace Pipeline.Client.Admin;

public sealed record ConfigSynonym(string Name, string? Value, ConfigSource Source);
