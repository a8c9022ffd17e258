namespace Pipeline.Connect.Runtime.Distributed;

/// <summary>
/// The "connect" group protocols (connect.protocol): eager (version 0: every rebalance revokes
/// everything), compatible (version 1: incremental cooperative, KIP-415) and sessioned (version 2:
/// as compatible, with a session key for internal requests, KIP-507). The wire value is the
/// version written in each metadata and assignment header.
/// </summary>
public enum ConnectProtocolCompatibility : short
{
    Eager = 0,
    Compatible = 1,
    Sessioned = 2,
}
