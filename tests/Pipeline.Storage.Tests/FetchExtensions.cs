using Pipeline.Storage.Log;
using Pipeline.Testing.Storage;

namespace Pipeline.Storage.Tests;

internal static class FetchExtensions
{
    /// <summary>The fetched bytes; the lease is released (as the network layer does after sending).</summary>
    public static byte[] ReadAndRelease(this FetchDataInfo info)
    {
        var region = info.Records ?? throw new Xunit.Sdk.XunitException($"no records (error {info.Error})");
        try
        {
            return region.ReadAll();
        }
        finally
        {
            region.Release();
        }
    }
}
