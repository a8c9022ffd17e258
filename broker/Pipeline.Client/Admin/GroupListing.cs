namespace Pipeline.Client.Admin;

/// <summary>A group as ListGroups reports it; State (v4+) and Type (v5+) are "" from older brokers.</summary>
public sealed record GroupListing(string GroupId, string ProtocolType, string State, string Type);
