namespace Pipeline.Client.Group;

/// <summary>One protocol a member offers in JoinGroup (e.g. an assignor name) and its metadata for it (e.g. its subscription).</summary>
public sealed record GroupProtocolMetadata(string Name, byte[] Metadata);
