using System.Xml.Linq;

namespace Pipeline.Architecture.Tests;

/// <summary>What the architecture rules need from one .csproj: its name, where it is, the projects it
/// references (by name) and whether it turns on unsafe code.</summary>
public sealed record ProjectFile(string Name, string RelativePath, IReadOnlyList<ProjectReference> References, bool AllowsUnsafeBlocks)
{
    /// <summary>Under tests/ or bench/: test code, which may reference anything.</summary>
    public bool IsTestCode => RelativePath.StartsWith("tests/", StringComparison.Ordinal) || RelativePath.StartsWith("bench/", StringComparison.Ordinal);

    public static ProjectFile Load(string root, string path)
    {
        var xml = XDocument.Load(path);
        var dir = Path.GetDirectoryName(path)!;
        var references = xml.Descendants()
            .Where(e => e.Name.LocalName == "ProjectReference")
            .Select(e => (string?)e.Attribute("Include"))
            .Where(include => !string.IsNullOrWhiteSpace(include))
            .Select(include =>
            {
                var target = Path.GetFullPath(Path.Combine(dir, include!.Replace('\\', '/')));
                return new ProjectReference(Path.GetFileNameWithoutExtension(target), Relative(root, target), File.Exists(target));
            })
            .ToList();
        var unsafeCode = xml.Descendants()
            .Where(e => e.Name.LocalName == "AllowUnsafeBlocks")
            .Any(e => string.Equals(e.Value.Trim(), "true", StringComparison.OrdinalIgnoreCase));
        return new ProjectFile(Path.GetFileNameWithoutExtension(path), Relative(root, path), references, unsafeCode);
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
