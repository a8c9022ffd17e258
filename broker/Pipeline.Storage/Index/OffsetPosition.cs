namespace Pipeline.Storage.Index;

/// <summary>An offset index answer: a batch's offset and the file position where the batch starts.</summary>
internal readonly record struct OffsetPosition(long Offset, long Position);
