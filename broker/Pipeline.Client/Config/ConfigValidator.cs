namespace Pipeline.Client.Config;

/// <summary>Checks a parsed config value; returns why it is invalid, or null when it is fine.</summary>
public delegate string? ConfigValidator(object? value);
