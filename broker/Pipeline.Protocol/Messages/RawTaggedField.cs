namespace Pipeline.Protocol.Messages;

/// <summary>
/// A tagged field this code does not know (a newer peer's addition). Kept as raw bytes so that a
/// message that is read and written again loses nothing.
/// </summary>
public sealed record RawTaggedField(int Tag, byte[] Data);
