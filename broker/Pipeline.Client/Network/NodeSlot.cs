namespace Pipeline.Client.Network;

/// <summary>The connection state of one node (or bootstrap address) in a <see cref="ConnectionManager"/>; guarded by the manager's lock.</summary>
internal sealed class NodeSlot
{
    public NodeSlot(int nodeId, BrokerAddress address)
    {
        NodeId = nodeId;
        Address = address;
    }

    public int NodeId { get; }

    public BrokerAddress Address { get; set; }

    public KafkaConnection? Connection { get; set; }

    public Task<KafkaConnection>? Connecting { get; set; }

    /// <summary>Consecutive failed attempts (drives the exponential reconnect backoff).</summary>
    public int Failures { get; set; }

    /// <summary>Stopwatch timestamp before which no new attempt is made.</summary>
    public long NotBefore { get; set; }

    public Exception? LastError { get; set; }
}
