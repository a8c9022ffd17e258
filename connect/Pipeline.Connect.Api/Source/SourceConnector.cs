using Pipeline.Connect.Api.Connectors;

namespace Pipeline.Connect.Api.Source;

/// <summary>A connector that reads an outside system into topics.</summary>
public abstract class SourceConnector : Connector
{
    /// <summary>
    /// Called before offsets are changed through <c>PATCH</c>/<c>DELETE /connectors/{name}/offsets</c>
    /// (a null offset resets a partition). Throw to refuse the change with a reason. Return true
    /// when the connector has taken the change into account (e.g. also changed offsets it keeps
    /// itself); false (the default) means it keeps none of its own, and the runtime still changes
    /// the offsets it manages and says so in its answer, as Kafka Connect does.
    /// </summary>
    public virtual bool AlterOffsets(IReadOnlyDictionary<string, string> connectorConfig, IReadOnlyList<KeyValuePair<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?>> offsets) => false;
}
