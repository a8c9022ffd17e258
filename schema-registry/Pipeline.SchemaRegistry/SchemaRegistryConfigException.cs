namespace Pipeline.SchemaRegistry;

/// <summary>A registry setting that is missing or malformed; the message names the key and the fix.</summary>
public sealed class SchemaRegistryConfigException(string message) : Exception(message);
