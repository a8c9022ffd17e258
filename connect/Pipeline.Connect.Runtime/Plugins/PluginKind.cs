namespace Pipeline.Connect.Runtime.Plugins;

/// <summary>What a plugin is; <see cref="PluginKinds.RestName"/> gives the REST <c>type</c> string.</summary>
public enum PluginKind
{
    Source,
    Sink,
    Converter,
    HeaderConverter,
    Transformation,
    Predicate,
}
