namespace Pipeline.Architecture.Tests;

/// <summary>The repository the tests were built from and every project in it.</summary>
public static class Repository
{
    private static readonly string[] SkippedDirectories = ["bin", "obj", "node_modules"];

    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    private static readonly Lazy<IReadOnlyList<ProjectFile>> LazyProjects = new(LoadProjects);

    public static string Root => LazyRoot.Value;

    public static IReadOnlyList<ProjectFile> Projects => LazyProjects.Value;

    /// <summary>MSBuild files that apply to every project below them (a setting there applies to all).</summary>
    public static IEnumerable<string> SharedBuildFiles() =>
        Walk(Root).Where(f => Path.GetFileName(f) is "Directory.Build.props" or "Directory.Build.targets");

    private static IReadOnlyList<ProjectFile> LoadProjects() =>
        Walk(Root).Where(f => f.EndsWith(".csproj", StringComparison.Ordinal)).Order(StringComparer.Ordinal).Select(f => ProjectFile.Load(Root, f)).ToList();

    private static IEnumerable<string> Walk(string dir)
    {
        foreach (var file in Directory.EnumerateFiles(dir))
        {
            yield return file;
        }

        foreach (var sub in Directory.EnumerateDirectories(dir))
        {
            var name = Path.GetFileName(sub);
            if (name.StartsWith('.') || SkippedDirectories.Contains(name))
            {
                continue;
            }

            foreach (var file in Walk(sub))
            {
                yield return file;
            }
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pipeline.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Pipeline.sln above {AppContext.BaseDirectory}; run the tests from a build inside the repository");
    }
}
