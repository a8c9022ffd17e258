using Pipeline.Testing.Processes;
using Xunit;

namespace Pipeline.Interop.Tests.Support;

/// <summary>The process runner every interop test depends on: output capture, waits, stop, kill, timeouts.</summary>
[Trait("Category", "Integration")]
public sealed class ProcessRunnerTests
{
    [Fact]
    public async Task WaitForLine_LinePrintedLater_ReturnsTheLine()
    {
        using var p = ProcessRunner.Start("/bin/sh", "-c", "echo first; sleep 0.2; echo 'ready on 1234' >&2; sleep 30");

        var line = await p.WaitForLineAsync(l => l.StartsWith("ready", StringComparison.Ordinal), TimeSpan.FromSeconds(10));

        Assert.Equal("ready on 1234", line);
        Assert.Contains(p.Lines, l => !l.IsError && l.Text == "first");
    }

    [Fact]
    public async Task WaitForLine_ProcessExitsFirst_FailsWithItsOutput()
    {
        using var p = ProcessRunner.Start("/bin/sh", "-c", "echo 'cannot start: port in use' >&2; exit 1");

        var e = await Assert.ThrowsAsync<ProcessFailedException>(() => p.WaitForLineAsync(l => l == "ready", TimeSpan.FromSeconds(10)));

        Assert.Contains("cannot start: port in use", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopAsync_RunningProcess_DeliversSigtermAndReturnsExitCode()
    {
        using var p = ProcessRunner.Start("/bin/sh", "-c", "trap 'echo got term; exit 7' TERM; echo up; while true; do sleep 0.05; done");
        await p.WaitForLineAsync(l => l == "up", TimeSpan.FromSeconds(10));

        var code = await p.StopAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(7, code);
        Assert.Contains(p.Lines, l => l.Text == "got term");
    }

    [Fact]
    public async Task Kill_ProcessIgnoringSigterm_EndsIt()
    {
        using var p = ProcessRunner.Start("/bin/sh", "-c", "trap '' TERM; echo up; while true; do sleep 0.05; done");
        await p.WaitForLineAsync(l => l == "up", TimeSpan.FromSeconds(10));

        p.Kill();

        Assert.True(p.HasExited);
        Assert.Equal(137, p.ExitCode);
    }

    [Fact]
    public async Task RunAsync_ToolOutlivesTimeout_IsKilledAndFailsWithItsOutput()
    {
        var e = await Assert.ThrowsAsync<ProcessFailedException>(() =>
            ProcessRunner.RunAsync(new ProcessSpec("/bin/sh", ["-c", "echo partial; sleep 30"]), TimeSpan.FromSeconds(1)));

        Assert.Contains("did not finish within", e.Message, StringComparison.Ordinal);
        Assert.Contains("partial", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_WithStandardInput_ReturnsExitCodeAndBothStreams()
    {
        var result = await ProcessRunner.RunAsync(new ProcessSpec("/bin/sh", ["-c", "cat; echo warn >&2; exit 3"]), TimeSpan.FromSeconds(10), "line 1\nline 2\n");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(["line 1", "line 2"], result.OutputLines);
        Assert.Equal("warn", result.StandardError);
        Assert.Throws<ProcessFailedException>(() => result.EnsureSuccess());
    }

    [Fact]
    public void RequiredTool_Missing_ThrowsWithTheInstallCommand()
    {
        var e = Assert.Throws<ToolMissingException>(() => RequiredTool.Executable("no-such-tool-pipeline", "sudo apt-get install -y no-such-tool"));

        Assert.Contains("sudo apt-get install -y no-such-tool", e.Message, StringComparison.Ordinal);
    }
}
