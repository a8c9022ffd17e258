using Xunit;

namespace Pipeline.Avro.Tests;

/// <summary>
/// Avro's own cross-language interop schema is read from the shared reference folder beside the
/// repository (it is Apache Avro's file, so it is not copied into the repo). Tests that need it
/// skip cleanly where that folder is absent.
/// </summary>
internal static class SharedReference
{
    private static readonly Lazy<string?> LazyInteropSchema = new(Find);

    public static string InteropSchemaPath
    {
        get
        {
            Skip.If(LazyInteropSchema.Value is null, "../shared/reference/avro/interop.avsc is not beside this checkout");
            return LazyInteropSchema.Value!;
        }
    }

    public static string InteropSchemaJson => File.ReadAllText(InteropSchemaPath);

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pipeline.sln")))
            {
                var path = Path.Combine(dir.FullName, "..", "shared", "reference", "avro", "interop.avsc");
                return File.Exists(path) ? Path.GetFullPath(path) : null;
            }
        }

        return null;
    }
}
