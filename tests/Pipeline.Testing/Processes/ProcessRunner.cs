using System.Diagnostics;

namespace Pipeline.Testing.Processes;

/// <summary>Starts child processes for tests: long-running ones (<see cref="Start(ProcessSpec)"/>)
/// and short tools run to completion with a timeout (<see cref="RunAsync(ProcessSpec, TimeSpan, string?, CancellationToken)"/>).</summary>
public static class ProcessRunner
{
    public static RunningProcess Start(ProcessSpec spec) => new(spec);

    public static RunningProcess Start(string fileName, params string[] arguments) => new(new ProcessSpec(fileName, arguments));

    /// <summary>
    /// Runs a tool to completion. <paramref name="standardInput"/>, when given, is written and then
    /// stdin is closed. On timeout the tool (and its children) is killed and the call throws
    /// <see cref="ProcessFailedException"/> with everything it printed. A non-zero exit code is
    /// returned, not thrown: call <see cref="ProcessResult.EnsureSuccess"/>.
    /// </summary>
    public static async Task<ProcessResult> RunAsync(ProcessSpec spec, TimeSpan timeout, string? standardInput = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        using var process = new RunningProcess(standardInput is null ? spec : spec with { RedirectStandardInput = true });
        if (standardInput is not null)
        {
            try
            {
                await process.StandardInput.WriteAsync(standardInput.AsMemory(), cancellationToken).ConfigureAwait(false);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The tool exited without reading all its input; its exit code and output tell why.
            }
        }

        int exitCode;
        try
        {
            exitCode = await process.WaitForExitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (ProcessFailedException)
        {
            process.Kill();
            throw new ProcessFailedException($"{spec.Name} did not finish within {timeout.TotalSeconds:F1}s and was killed", spec, process.Output);
        }

        return new ProcessResult(spec, exitCode, process.StandardOutputText, process.StandardErrorText, clock.Elapsed);
    }

    public static Task<ProcessResult> RunAsync(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        RunAsync(new ProcessSpec(fileName, arguments), timeout, standardInput: null, cancellationToken);
}
