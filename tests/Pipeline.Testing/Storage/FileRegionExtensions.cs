using Pipeline.Protocol.Primitives;

namespace Pipeline.Testing.Storage;

public static class FileRegionExtensions
{
    /// <summary>Copies the region's bytes (what sendfile would send) into an array.</summary>
    public static byte[] ReadAll(this IFileRegion region)
    {
        var bytes = new byte[region.Length];
        var done = 0;
        while (done < bytes.Length)
        {
            var n = RandomAccess.Read(region.Handle, bytes.AsSpan(done), region.Position + done);
            if (n == 0)
            {
                throw new EndOfStreamException("file region is past the end of the file");
            }

            done += n;
        }

        return bytes;
    }
}
