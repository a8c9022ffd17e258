namespace Pipeline.Client.Producer;

/// <summary>The result of a ready check: nodes with a batch to send now, when to look again, and whether some partition lacks a leader.</summary>
internal readonly record struct ReadyCheck(HashSet<int> ReadyNodes, TimeSpan NextCheck, bool UnknownLeaders);
