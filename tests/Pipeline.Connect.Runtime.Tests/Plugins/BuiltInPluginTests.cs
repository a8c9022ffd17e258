using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Connect.Runtime.Plugins;

namespace Pipeline.Connect.Runtime.Tests.Plugins;

public class BuiltInPluginTests
{
    private static readonly PluginRegistry Runtime = PluginRegistry.Load([], [], NullLogger.Instance);

    [Theory]
    [InlineData("org.apache.kafka.connect.transforms.InsertField$Value", PluginKind.Transformation)]
    [InlineData("org.apache.kafka.connect.transforms.RegexRouter", PluginKind.Transformation)]
    [InlineData("org.apache.kafka.connect.transforms.Filter", PluginKind.Transformation)]
    [InlineData("RegexRouter", PluginKind.Transformation)]
    public void Resolve_KafkaClassNamesOfBuiltIns_FindTheRuntimesPlugins(string name, PluginKind kind)
    {
        var descriptor = Runtime.Resolve(name, kind);

        Assert.Equal(PluginDescriptor.BuiltIn, descriptor.Location);
        Assert.Equal(typeof(PluginRegistry).Assembly, descriptor.Type.Assembly);
    }

    [Fact]
    public void Load_RuntimeAssembly_NoTwoClassesShareAKafkaAlias()
    {
        var clashes = Runtime.Plugins
            .SelectMany(p => p.Aliases.Where(a => a.Contains('.')).Select(a => (Alias: a, p.Kind, p.ClassName)))
            .GroupBy(x => (x.Alias, x.Kind))
            .Where(g => g.Select(x => x.ClassName).Distinct().Count() > 1)
            .Select(g => g.Key.Alias)
            .ToList();

        Assert.Empty(clashes);
    }
}
