using Microsoft.Win32.SafeHandles;

namespace Pipeline.Protocol.Primitives;

/// <summary>
/// A byte range of an open file that a response sends without copying it through user space
/// (sendfile). The owner keeps the handle open until <see cref="Release"/> is called, which the
/// network layer does exactly once after the bytes have been sent or the send was abandoned.
/// </summary>
public interface IFileRegion
{
    SafeFileHandle Handle { get; }

    long Position { get; }

    int Length { get; }

    void Release();
}
