using System.Text.Json.Serialization;

namespace Pipeline.Connect.Runtime.Rest.Entities;

/// <summary><c>{"name","connector":{"state","worker_id","trace"?},"tasks":[{"id","state","worker_id","trace"?}],"type"}</c>.</summary>
public sealed record ConnectorStateInfo(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("connector")] ConnectorState Connector,
    [property: JsonPropertyName("tasks")] IReadOnlyList<TaskState> Tasks,
    [property: JsonPropertyName("type")] string Type);

/// <summary>A connector instance's state; <paramref name="Trace"/> only when failed.</summary>
public sealed record ConnectorState(
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("worker_id")] string WorkerId,
    [property: JsonPropertyName("trace"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Trace = null);

/// <summary>A task's state; <paramref name="Trace"/> only when failed.</summary>
public sealed record TaskState(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("worker_id")] string WorkerId,
    [property: JsonPropertyName("trace"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Trace = null);
