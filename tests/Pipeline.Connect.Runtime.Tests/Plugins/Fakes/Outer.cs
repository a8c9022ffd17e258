using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Transforms;

namespace Pipeline.Connect.Runtime.Tests.Plugins.Fakes;

public static class Outer
{
    /// <summary>A nested transform, as Kafka's InsertField$Value.</summary>
    public sealed class NestedDrop : ITransformation
    {
        public ConfigDef Config { get; } = new();

        public void Configure(IReadOnlyDictionary<string, string> configs)
        {
        }

        public ConnectRecord? Apply(ConnectRecord record) => null;

        public void Dispose()
        {
        }
    }
}
