namespace Pipeline.Connect.Runtime.Rest.Entities;

/// <summary>The outcome of a create/update: 201 when <paramref name="Created"/>, else 200.</summary>
public sealed record PutConnectorResult(bool Created, ConnectorInfo Info);
