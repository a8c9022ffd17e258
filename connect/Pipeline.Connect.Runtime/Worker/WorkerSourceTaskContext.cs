using Pipeline.Connect.Api.Source;
using Pipeline.Connect.Api.Storage;

namespace Pipeline.Connect.Runtime.Worker;

/// <summary>A source task's context: its config and its connector's committed offsets.</summary>
internal sealed class WorkerSourceTaskContext(IReadOnlyDictionary<string, string> configs, IOffsetStorageReader reader) : ISourceTaskContext
{
    public IReadOnlyDictionary<string, string> Configs { get; } = configs;

    public IOffsetStorageReader OffsetStorageReader { get; } = reader;
}
