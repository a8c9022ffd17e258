namespace Pipeline.Connect.Runtime.Distributed;

/// <summary>The key the leader distributes for signing internal requests (KIP-507): raw key bytes, the MAC algorithm and when it was made.</summary>
public sealed record SessionKey(byte[] Key, string Algorithm, long CreationTimestamp);
