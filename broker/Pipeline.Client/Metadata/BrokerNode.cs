namespace Pipeline.Client.Metadata;

/// <summary>A broker as metadata describes it.</summary>
public sealed record BrokerNode(int Id, string Host, int Port, string? Rack)
{
    public override string ToString() => $"{Host}:{Port} (id: {Id} rack: {Rack ?? "null"})";
}
