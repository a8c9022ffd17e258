namespace Pipeline.Connect.Runtime.Distributed;

/// <summary>A topic a connector's task has used (KIP-558), with the time it was first seen in ms since the epoch.</summary>
public sealed record TopicStatus(string Topic, string Connector, int Task, long DiscoverTimestamp);
