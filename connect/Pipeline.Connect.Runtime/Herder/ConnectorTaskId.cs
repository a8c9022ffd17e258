using System.Text.Json.Serialization;

namespace Pipeline.Connect.Runtime.Herder;

/// <summary>A task of a connector: <c>{"connector": "name", "task": 0}</c> in REST answers.</summary>
public sealed record ConnectorTaskId(
    [property: JsonPropertyName("connector")] string Connector,
    [property: JsonPropertyName("task")] int Task)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Connector}-{Task}";
}
