namespace Pipeline.Testing.Processes;

/// <summary>The outcome of a tool run to completion by <see cref="ProcessRunner.RunAsync(ProcessSpec, TimeSpan, string?, CancellationToken)"/>.</summary>
public sealed record ProcessResult(ProcessSpec Spec, int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed)
{
    /// <summary>Returns this result when the exit code is 0; otherwise throws with the whole output.</summary>
    public ProcessResult EnsureSuccess()
    {
        if (ExitCode != 0)
        {
            throw new ProcessFailedException($"{Spec.Name} exited with code {ExitCode} after {Elapsed.TotalSeconds:F1}s", Spec, Describe());
        }

        return this;
    }

    public string Describe() => $"stdout:\n{StandardOutput}\nstderr:\n{StandardError}";

    /// <summary>Non-empty stdout lines.</summary>
    public IReadOnlyList<string> OutputLines =>
        StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
