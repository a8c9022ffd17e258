namespace Pipeline.Protocol.Primitives;

/// <summary>
/// The value of a <c>records</c> field: null, bytes in memory (a slice of a request frame or a
/// pooled buffer), or a region of a segment file that is sent with sendfile. Either way it holds
/// concatenated record batches that the broker never needs to decode.
/// </summary>
public readonly struct RecordSet
{
    private readonly ReadOnlyMemory<byte> _memory;
    private readonly IFileRegion? _file;
    private readonly bool _hasValue;

    public RecordSet(ReadOnlyMemory<byte> memory)
    {
        _memory = memory;
        _file = null;
        _hasValue = true;
    }

    public RecordSet(IFileRegion file)
    {
        _memory = default;
        _file = file;
        _hasValue = true;
    }

    public static RecordSet Null => default;

    public static RecordSet Empty => new(ReadOnlyMemory<byte>.Empty);

    public bool IsNull => !_hasValue;

    public bool IsFileRegion => _file is not null;

    public int Length => _file?.Length ?? _memory.Length;

    /// <summary>The in-memory bytes; empty for null or for a file region.</summary>
    public ReadOnlyMemory<byte> Memory => _memory;

    public IFileRegion? FileRegion => _file;

    public override string ToString() =>
        IsNull ? "null" : IsFileRegion ? $"file[{_file!.Position}+{_file.Length}]" : $"bytes[{_memory.Length}]";
}
