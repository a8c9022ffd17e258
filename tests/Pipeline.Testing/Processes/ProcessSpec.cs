namespace Pipeline.Testing.Processes;

/// <summary>What to start: the program, its arguments (passed as a list, never through a shell),
/// the working directory and extra environment variables (a null value removes one).</summary>
public sealed record ProcessSpec(string FileName, IReadOnlyList<string> Arguments)
{
    public string? WorkingDirectory { get; init; }

    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Redirect stdin so the test can write to it (<see cref="RunningProcess.StandardInput"/>).</summary>
    public bool RedirectStandardInput { get; init; }

    /// <summary>A short name for messages; defaults to the file name.</summary>
    public string? DisplayName { get; init; }

    public string Name => DisplayName ?? Path.GetFileName(FileName);

    public override string ToString() => $"{FileName} {string.Join(' ', Arguments.Select(Quote))}";

    private static string Quote(string a) => a.Length == 0 || a.Any(char.IsWhiteSpace) || a.Contains('\'') ? $"'{a.Replace("'", "'\\''", StringComparison.Ordinal)}'" : a;
}
