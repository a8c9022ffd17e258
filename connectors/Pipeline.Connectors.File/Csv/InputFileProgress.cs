namespace Pipeline.Connectors.File.Csv;

/// <summary>
/// The records of one file in flight. The task thread counts what it emitted; the runtime's
/// producer callbacks count acknowledgements (<see cref="Acknowledge"/>, any thread). The file is
/// moved or deleted only when it is done and every record was acknowledged, so a crash before
/// then leaves it in the input directory to be resumed from its committed offset.
/// </summary>
internal sealed class InputFileProgress(string path, long lastModified, long length)
{
    private long _acknowledged;

    public string Path { get; } = path;

    public long LastModified { get; } = lastModified;

    public long Length { get; } = length;

    /// <summary>Records returned by polls (task thread).</summary>
    public long Emitted { get; set; }

    /// <summary>Set by the task thread when the file is read to its end or given up on.</summary>
    public bool Done { get; set; }

    /// <summary>Set when a bad row stopped the file (halt.on.error=false): it goes to error.path with this reason.</summary>
    public string? Error { get; set; }

    public bool Settled => Done && Interlocked.Read(ref _acknowledged) >= Emitted;

    public void Acknowledge() => Interlocked.Increment(ref _acknowledged);
}
