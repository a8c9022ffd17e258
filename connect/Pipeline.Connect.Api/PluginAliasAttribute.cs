namespace Pipeline.Connect.Api;

/// <summary>
/// Other names a plugin answers to besides its full .NET type name and its short name, typically
/// the Java class name a Kafka Connect config uses for the equivalent plugin (e.g.
/// <c>org.apache.kafka.connect.file.FileStreamSourceConnector</c>), so existing configs work unchanged.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class PluginAliasAttribute(params string[] aliases) : Attribute
{
    /// <summary>The names.</summary>
    public IReadOnlyList<string> Aliases { get; } = aliases;
}
