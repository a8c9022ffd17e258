namespace Pipeline.Storage.IO;

/// <summary>Outcome of checking the batch at a file position.</summary>
internal enum BatchCheck
{
    /// <summary>A whole, valid batch.</summary>
    Valid,

    /// <summary>No bytes left: a clean end.</summary>
    End,

    /// <summary>The file ends inside the batch (a torn write, or a length field that is garbage).</summary>
    Torn,

    /// <summary>Structure or CRC is wrong.</summary>
    Corrupt,
}
