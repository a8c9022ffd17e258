using Pipeline.Connect.Api.Connectors;
using Pipeline.Connect.Api.Storage;

namespace Pipeline.Connect.Api.Source;

/// <summary>What the runtime offers a source connector.</summary>
public interface ISourceConnectorContext : IConnectorContext
{
    /// <summary>The committed offsets of the connector's tasks.</summary>
    IOffsetStorageReader OffsetStorageReader { get; }
}
