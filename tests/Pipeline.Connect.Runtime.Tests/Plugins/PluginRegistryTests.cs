using System.Runtime.Loader;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Connectors;
using Pipeline.Connect.Runtime.Plugins;
using Pipeline.Connect.Runtime.Tests.Plugins.Fakes;
using Pipeline.Connectors.File.Lines;
using Pipeline.Testing.IO;

namespace Pipeline.Connect.Runtime.Tests.Plugins;

public class PluginRegistryTests
{
    private static PluginRegistry Registry => TestPlugins.Registry;

    [Theory]
    [InlineData("Pipeline.Connect.Runtime.Tests.Plugins.Fakes.PxSinkConnector")]
    [InlineData("com.example.connect.PxSinkConnector")]
    [InlineData("PxSinkConnector")]
    [InlineData("PxSink")]
    [InlineData("  PxSink  ")]
    public void Resolve_EveryNameForm_FindsTheConnector(string name)
    {
        var descriptor = Registry.Resolve(name, PluginKind.Sink);

        Assert.Equal(typeof(PxSinkConnector), descriptor.Type);
        Assert.Equal("Pipeline.Connect.Runtime.Tests.Plugins.Fakes.PxSinkConnector", descriptor.ClassName);
        Assert.Equal(PluginKind.Sink, descriptor.Kind);
        Assert.Equal(PluginDescriptor.BuiltIn, descriptor.Location);
        Assert.Equal("2.1.0", descriptor.Version);
    }

    [Theory]
    [InlineData("com.example.PxConverter", PluginKind.Converter)]
    [InlineData("PxConverter", PluginKind.Converter)]
    [InlineData("Px", PluginKind.Converter)]
    [InlineData("PxConverter", PluginKind.HeaderConverter)]
    [InlineData("com.example.transforms.PxSuffix$Value", PluginKind.Transformation)]
    [InlineData("PxSuffixTransform", PluginKind.Transformation)]
    [InlineData("PxTopicIsPredicate", PluginKind.Predicate)]
    public void Resolve_OtherKinds_ByAliasAndShortName(string name, PluginKind kind)
    {
        Assert.Equal(kind, Registry.Resolve(name, kind).Kind);
    }

    [Fact]
    public void Resolve_TypeOfTwoKindsWithoutExpectedKind_IsNotAmbiguous()
    {
        Assert.Equal(typeof(PxConverter), Registry.Resolve("PxConverter", null).Type);
    }

    [Fact]
    public void Resolve_NestedTypeName_AcceptsDollarForPlus()
    {
        var registry = PluginRegistry.Load([typeof(Outer).Assembly], [], NullLogger.Instance);

        Assert.Equal(typeof(Outer.NestedDrop), registry.Resolve(typeof(Outer).FullName + "$NestedDrop", PluginKind.Transformation).Type);
        Assert.Equal(typeof(Outer.NestedDrop), registry.Resolve("Outer$NestedDrop", PluginKind.Transformation).Type);
    }

    [Fact]
    public void Resolve_UnknownName_ThrowsConfigExceptionNamingIt()
    {
        var e = Assert.Throws<ConfigException>(() => Registry.Resolve("com.example.NoSuchConnector", PluginKind.Sink));

        Assert.Contains("com.example.NoSuchConnector", e.Message);
        Assert.Contains("Connector", e.Message);
        Assert.Contains(typeof(PxSinkConnector).FullName!, e.Message);
    }

    [Fact]
    public void Resolve_WrongKind_ThrowsConfigException()
    {
        var e = Assert.Throws<ConfigException>(() => Registry.Resolve("PxSink", PluginKind.Transformation));

        Assert.Contains("Transformation", e.Message);
        Assert.Contains("PxSink", e.Message);
    }

    [Fact]
    public void ResolveConnector_SourceOrSink_FindsEither()
    {
        Assert.Equal(PluginKind.Source, Registry.ResolveConnector("PxSource").Kind);
        Assert.Equal(PluginKind.Sink, Registry.ResolveConnector("PxSinkConnector").Kind);
        Assert.Throws<ConfigException>(() => Registry.ResolveConnector("PxConverter"));
    }

    [Fact]
    public void NewInstance_Conveniences_CreateEachKind()
    {
        Assert.IsType<PxSinkConnector>(Registry.NewConnector("PxSink"));
        Assert.IsType<PxConverter>(Registry.NewConverter("Px"));
        Assert.IsType<PxConverter>(Registry.NewHeaderConverter("PxConverter"));
        Assert.IsType<PxSuffixTransform>(Registry.NewTransformation("PxSuffixTransform"));
        Assert.IsType<PxTopicIsPredicate>(Registry.NewPredicate("PxTopicIsPredicate"));
    }

    [Fact]
    public void Load_RuntimeAssembly_IsAlwaysScanned()
    {
        var registry = PluginRegistry.Load([], [], NullLogger.Instance);

        Assert.All(registry.Plugins, p => Assert.Equal(typeof(PluginRegistry).Assembly, p.Type.Assembly));
        Assert.DoesNotContain(registry.Plugins, p => p.Type == typeof(PxSinkConnector));
    }

    [Fact]
    public void Load_PluginDirectory_LoadsItInItsOwnContextSharingTheApi()
    {
        using var dir = new TempDirectory("px-plugins");
        var pluginDir = dir.CreateSubdirectory("file-connectors");
        CopyFileConnectorsTo(pluginDir);

        var registry = PluginRegistry.Load([], [dir.Path], NullLogger.Instance);
        var descriptor = registry.Resolve("org.apache.kafka.connect.file.FileStreamSourceConnector", PluginKind.Source);

        Assert.Equal(pluginDir, descriptor.Location);
        Assert.NotEqual(typeof(FileStreamSourceConnector), descriptor.Type);
        var context = AssemblyLoadContext.GetLoadContext(descriptor.Type.Assembly);
        Assert.NotSame(AssemblyLoadContext.Default, context);
        Assert.Equal(typeof(Connector), descriptor.Type.BaseType!.BaseType);
        var connector = registry.NewConnector("FileStreamSource");
        Assert.Equal(descriptor.Type, connector.GetType());
        Assert.Contains(connector.Config.Keys.Keys, k => k == "file");
        Assert.Equal(descriptor.Type.Assembly, registry.Resolve("FileStreamSink", PluginKind.Sink).Type.Assembly);
    }

    [Fact]
    public void Load_DllDirectlyInPluginPath_IsAPluginOfItsOwn()
    {
        using var dir = new TempDirectory("px-plugins");
        CopyFileConnectorsTo(dir.Path);

        var registry = PluginRegistry.Load([], [dir.Path], NullLogger.Instance);
        var descriptor = registry.Resolve("FileStreamSink", PluginKind.Sink);

        Assert.EndsWith("Pipeline.Connectors.File.dll", descriptor.Location);
        Assert.NotSame(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(descriptor.Type.Assembly));
    }

    [Fact]
    public void Load_TwoPluginDirectories_GetSeparateContexts()
    {
        using var dir = new TempDirectory("px-plugins");
        CopyFileConnectorsTo(dir.CreateSubdirectory("a"));
        CopyFileConnectorsTo(dir.CreateSubdirectory("b"));

        var registry = PluginRegistry.Load([], [dir.Path], NullLogger.Instance);
        var sources = registry.Plugins.Where(p => p.ClassName == typeof(FileStreamSourceConnector).FullName).ToList();

        Assert.Equal(2, sources.Count);
        Assert.NotSame(AssemblyLoadContext.GetLoadContext(sources[0].Type.Assembly), AssemblyLoadContext.GetLoadContext(sources[1].Type.Assembly));
        Assert.Equal(typeof(FileStreamSourceConnector).FullName, registry.Resolve("FileStreamSource", PluginKind.Source).ClassName);
    }

    [Fact]
    public void Load_MissingPluginPathEntry_IsSkipped()
    {
        var registry = PluginRegistry.Load([], ["/no/such/dir/anywhere"], NullLogger.Instance);

        Assert.NotNull(registry);
    }

    [Fact]
    public void PluginKinds_RestNames_AreKafkas()
    {
        Assert.Equal(
            ["sink", "source", "converter", "header_converter", "transformation", "predicate"],
            PluginKinds.All.Select(k => k.RestName()));
    }

    private static void CopyFileConnectorsTo(string directory)
    {
        var source = typeof(FileStreamSourceConnector).Assembly.Location;
        File.Copy(source, Path.Combine(directory, Path.GetFileName(source)));
        var csvHelper = Path.Combine(Path.GetDirectoryName(source)!, "CsvHelper.dll");
        if (File.Exists(csvHelper))
        {
            // A plugin directory carries its dependencies.
            File.Copy(csvHelper, Path.Combine(directory, "CsvHelper.dll"), overwrite: true);
        }
    }
}
