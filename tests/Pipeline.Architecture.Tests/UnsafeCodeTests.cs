using System.Xml.Linq;
using Xunit;

namespace Pipeline.Architecture.Tests;

/// <summary>
/// Unsafe code stays in the two projects that need it for speed (Protocol: spans over wire bytes;
/// Storage: native file calls). Everything else is safe C#.
/// </summary>
public sealed class UnsafeCodeTests
{
    private static readonly HashSet<string> MayUseUnsafe = new(StringComparer.Ordinal) { "Pipeline.Protocol", "Pipeline.Storage" };

    /// <summary>
    /// Offenders tolerated for now, each with the reason and the change that removes it. Empty: the
    /// broker's fsync P/Invoke (Metadata/DurableFile.cs) moved into Storage (commit 6689d7c), and
    /// the broker dropped AllowUnsafeBlocks. Add an entry only with a plan to remove it.
    /// </summary>
    private static readonly HashSet<string> KnownExceptions = new(StringComparer.Ordinal);

    [Fact]
    public void OnlyProtocolAndStorage_AllowUnsafeBlocks()
    {
        var offenders = Repository.Projects
            .Where(p => p.AllowsUnsafeBlocks && !MayUseUnsafe.Contains(p.Name) && !KnownExceptions.Contains(p.Name))
            .Select(p => p.RelativePath)
            .ToList();

        Assert.True(offenders.Count == 0, "AllowUnsafeBlocks outside Pipeline.Protocol and Pipeline.Storage: " + string.Join(", ", offenders));
    }

    [Fact]
    public void KnownExceptions_AreStillOffenders()
    {
        // An exception that no longer applies must be removed, so the list cannot hide a new offender.
        var stale = KnownExceptions.Where(name => !Repository.Projects.Any(p => p.Name == name && p.AllowsUnsafeBlocks)).ToList();

        Assert.True(stale.Count == 0, "Remove from KnownExceptions (no longer unsafe): " + string.Join(", ", stale));
    }

    [Fact]
    public void SharedBuildFiles_DoNotAllowUnsafeBlocksForEveryone()
    {
        var global = Repository.SharedBuildFiles()
            .Where(f => XDocument.Load(f).Descendants().Any(e => e.Name.LocalName == "AllowUnsafeBlocks" && string.Equals(e.Value.Trim(), "true", StringComparison.OrdinalIgnoreCase)))
            .Select(f => Path.GetRelativePath(Repository.Root, f))
            .ToList();

        Assert.True(global.Count == 0, "AllowUnsafeBlocks set for every project in: " + string.Join(", ", global));
    }

    [Fact]
    public void ProjectFile_ReadsAllowUnsafeBlocksAndReferences()
    {
        // The parser the rules rely on, on a project written here.
        var dir = Directory.CreateTempSubdirectory("arch-test-");
        try
        {
            var path = Path.Combine(dir.FullName, "Sample.csproj");
            File.WriteAllText(path, """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup><AllowUnsafeBlocks> True </AllowUnsafeBlocks></PropertyGroup>
                  <ItemGroup><ProjectReference Include="..\Other\Other.csproj" /></ItemGroup>
                </Project>
                """);

            var project = ProjectFile.Load(dir.Parent!.FullName, path);

            Assert.True(project.AllowsUnsafeBlocks);
            var reference = Assert.Single(project.References);
            Assert.Equal("Other", reference.Name);
            Assert.False(reference.Exists);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
