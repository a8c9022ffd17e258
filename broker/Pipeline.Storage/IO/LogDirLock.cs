using Microsoft.Win32.SafeHandles;

namespace Pipeline.Storage.IO;

/// <summary>
/// The <c>.lock</c> file of a log dir, held open with FileShare.None (an exclusive flock on Linux)
/// while a LogManager uses the directory, so that a second broker process on the same dir fails
/// to start instead of corrupting it. Taken by the loading task, released at shutdown.
/// </summary>
internal sealed class LogDirLock : IDisposable
{
    private readonly SafeFileHandle _handle;

    private LogDirLock(SafeFileHandle handle) => _handle = handle;

    public static LogDirLock Acquire(string dir)
    {
        var path = Path.Combine(dir, Log.LogFileNames.Lock);
        try
        {
            return new LogDirLock(File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException ex)
        {
            throw new IOException($"log dir {dir} is in use by another process", ex);
        }
    }

    public void Dispose() => _handle.Dispose();
}
