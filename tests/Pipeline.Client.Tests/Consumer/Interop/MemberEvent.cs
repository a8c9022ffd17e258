namespace Pipeline.Client.Tests.Consumer.Interop;

/// <summary>One JSON line of <c>confluent_member.py</c>.</summary>
internal sealed record MemberEvent(string Event, int[]? Partitions, int[]? Assignment, int Partition, long Offset, string? Value);
