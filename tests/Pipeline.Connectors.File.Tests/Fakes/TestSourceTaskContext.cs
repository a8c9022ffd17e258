using Pipeline.Connect.Api.Source;
using Pipeline.Connect.Api.Storage;

namespace Pipeline.Connectors.File.Tests.Fakes;

internal sealed class TestSourceTaskContext(IReadOnlyDictionary<string, string> configs, IOffsetStorageReader offsets) : ISourceTaskContext
{
    public IReadOnlyDictionary<string, string> Configs { get; } = configs;

    public IOffsetStorageReader OffsetStorageReader { get; } = offsets;
}
