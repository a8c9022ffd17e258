using Pipeline.Connect.Api.Storage;

namespace Pipeline.Connect.Api.Source;

/// <summary>What the runtime offers a source task.</summary>
public interface ISourceTaskContext
{
    /// <summary>The task's config.</summary>
    IReadOnlyDictionary<string, string> Configs { get; }

    /// <summary>The committed offsets, to resume where the previous run stopped.</summary>
    IOffsetStorageReader OffsetStorageReader { get; }
}
