using Pipeline.Connect.Api.Sink;
using Pipeline.Connect.Api.Source;
using Pipeline.Connect.Api.Storage;
using Pipeline.Connect.Api.Transforms;

namespace Pipeline.Connect.Runtime.Plugins;

/// <summary>The REST names of plugin kinds and the contract type each kind implements.</summary>
public static class PluginKinds
{
    /// <summary>Every kind, in the order <c>GET /connector-plugins?connectorsOnly=false</c> lists them.</summary>
    public static IReadOnlyList<PluginKind> All { get; } =
        [PluginKind.Sink, PluginKind.Source, PluginKind.Converter, PluginKind.HeaderConverter, PluginKind.Transformation, PluginKind.Predicate];

    /// <summary>source, sink, converter, header_converter, transformation or predicate.</summary>
    public static string RestName(this PluginKind kind) => kind switch
    {
        PluginKind.Source => "source",
        PluginKind.Sink => "sink",
        PluginKind.Converter => "converter",
        PluginKind.HeaderConverter => "header_converter",
        PluginKind.Transformation => "transformation",
        PluginKind.Predicate => "predicate",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The contract a plugin of <paramref name="kind"/> derives from or implements.</summary>
    public static Type ContractType(this PluginKind kind) => kind switch
    {
        PluginKind.Source => typeof(SourceConnector),
        PluginKind.Sink => typeof(SinkConnector),
        PluginKind.Converter => typeof(IConverter),
        PluginKind.HeaderConverter => typeof(IHeaderConverter),
        PluginKind.Transformation => typeof(ITransformation),
        PluginKind.Predicate => typeof(IPredicate),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>How error messages name the kind ("Connector", "Converter", ...), as Kafka's do.</summary>
    internal static string Describe(PluginKind? kind) => kind switch
    {
        PluginKind.Source or PluginKind.Sink => "Connector",
        PluginKind.Converter => "Converter",
        PluginKind.HeaderConverter => "HeaderConverter",
        PluginKind.Transformation => "Transformation",
        PluginKind.Predicate => "Predicate",
        _ => "a plugin interface",
    };
}
