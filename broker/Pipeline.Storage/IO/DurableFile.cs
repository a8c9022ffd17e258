using Pipeline.Storage.Checkpoints;

namespace Pipeline.Storage.IO;

/// <summary>
/// Replaces a small file so that a crash or a power loss leaves either the old or the new content:
/// write a temp file, fdatasync it, rename it over the target, fsync the directory. For callers
/// outside storage (the broker's metadata store) that need the same guarantee as our checkpoints.
/// </summary>
public static class DurableFile
{
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> content) => CheckpointFile.WriteAtomically(path, content);
}
