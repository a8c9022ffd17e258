namespace Pipeline.Storage.Index;

/// <summary>Writes entry <c>index</c> of an in-memory index in its on-disk form.</summary>
internal interface IIndexEntryFormatter
{
    void Format(int index, Span<byte> destination);
}
