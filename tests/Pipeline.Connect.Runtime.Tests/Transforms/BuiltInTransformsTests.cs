using System.Reflection;
using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Transforms;
using Pipeline.Connect.Runtime.Transforms;

namespace Pipeline.Connect.Runtime.Tests.Transforms;

public class BuiltInTransformsTests
{
    [Fact]
    public void BuiltInTransforms_EveryType_IsSealedWithParameterlessConstructorAndKafkaAlias()
    {
        foreach (var type in BuiltInTransforms.All)
        {
            Assert.True(type.IsPublic && type.IsSealed, type.Name);
            Assert.NotNull(type.GetConstructor(Type.EmptyTypes));
            var aliases = type.GetCustomAttribute<PluginAliasAttribute>()!.Aliases;
            Assert.StartsWith("org.apache.kafka.connect.transforms.", aliases[0], StringComparison.Ordinal);
            var instance = (IDisposable)Activator.CreateInstance(type)!;
            var config = instance is ITransformation t ? t.Config : ((IPredicate)instance).Config;
            Assert.NotNull(config);
            Assert.Equal(BuiltInTransforms.Version, Assert.IsAssignableFrom<IVersioned>(instance).Version);
            instance.Dispose();
        }
    }

    [Fact]
    public void BuiltInTransforms_Lists_CoverKafkasBuiltIns()
    {
        Assert.Equal(26, BuiltInTransforms.Transformations.Count);
        Assert.Equal(3, BuiltInTransforms.Predicates.Count);
        Assert.All(BuiltInTransforms.Transformations, t => Assert.True(typeof(ITransformation).IsAssignableFrom(t)));
        Assert.All(BuiltInTransforms.Predicates, t => Assert.True(typeof(IPredicate).IsAssignableFrom(t)));
        var aliases = BuiltInTransforms.All.SelectMany(t => t.GetCustomAttribute<PluginAliasAttribute>()!.Aliases).ToList();
        Assert.Equal(aliases.Count, aliases.Distinct().Count());
        Assert.Contains("org.apache.kafka.connect.transforms.InsertField$Value", aliases);
        Assert.Contains("org.apache.kafka.connect.transforms.predicates.TopicNameMatches", aliases);
        Assert.Contains("Flatten$Key", aliases);
    }

    [Fact]
    public void BuiltInTransforms_KeyAndValueVariants_OperateOnTheirSide()
    {
        foreach (var type in BuiltInTransforms.Transformations.Where(t => t.IsSubclassOf(typeof(KeyOrValueTransformation))))
        {
            var instance = (KeyOrValueTransformation)Activator.CreateInstance(type)!;
            Assert.Equal(type.Name.EndsWith("Key", StringComparison.Ordinal), instance.OperatesOnKey);
        }
    }
}
