using Pipeline.Cli.Commands;
using Pipeline.Cli.Tools;

namespace Pipeline.Cli.Tests.Fixtures;

/// <summary>What one in-process run of the <c>pipeline</c> command printed, and its exit code.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    /// <summary>Runs <c>pipeline args...</c> in this process with captured streams and <paramref name="stdin"/> as standard input.</summary>
    public static async Task<CliRun> RunAsync(string[] args, string? stdin = null, TimeSpan? timeout = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(stdin ?? "");
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        var code = await PipelineCommand.InvokeAsync(args, new ToolConsole(output, error, input), cts.Token);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public IReadOnlyList<string> OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Asserts exit code 0, showing both streams when it is not.</summary>
    public CliRun Succeeded()
    {
        Assert.True(ExitCode == 0, $"exit code {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}");
        return this;
    }

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}
