using Pipeline.Protocol.Generator;

namespace Pipeline.Protocol.Tests.Messages;

/// <summary>
/// Finds the repository (the directory holding Pipeline.sln) and the Kafka message specs kept
/// beside it in ../shared/reference/kafka-protocol/messages, which a checkout may lack.
/// </summary>
internal static class SpecLocator
{
    private static readonly Lazy<IReadOnlyList<MessageSpec>?> LoadedSpecs = new(() =>
        SpecDirectory is { } dir ? MessageGenerator.LoadSpecs(dir) : null);

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string? SpecDirectory
    {
        get
        {
            var dir = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "reference", "kafka-protocol", "messages"));
            return Directory.Exists(dir) ? dir : null;
        }
    }

    public static string GeneratedDirectory => Path.Combine(RepoRoot, "broker", "Pipeline.Protocol", "Messages", "Generated");

    /// <summary>The parsed specs, or null when the spec folder is absent.</summary>
    public static IReadOnlyList<MessageSpec>? Specs => LoadedSpecs.Value;

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pipeline.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Pipeline.sln above {AppContext.BaseDirectory}");
    }
}
