using Pipeline.Connect.Api.Connectors;

namespace Pipeline.Connect.Api.Source;

/// <summary>A connector that reads an outside system into topics.</summary>
public abstract class SourceConnector : Connector
{
    /// <summary>
    /// Called before offsets are changed through <c>PATCH</c>/<c>DELETE /connectors/{name}/offsets</c>
    /// (a null offset resets a partition). Return true if the connector accepts them; throw to refuse
    /// with a reason. The default accepts nothing and the runtime answers that the connector does
    /// not support offset changes.
    /// </summary>
    public virtual bool AlterOffsets(IReadOnlyDictionary<string, string> connectorConfig, IReadOnlyList<KeyValuePair<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?>> offsets) => false;
}
