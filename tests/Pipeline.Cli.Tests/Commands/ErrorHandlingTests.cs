using Pipeline.Cli.Tests.Fixtures;
using Pipeline.Testing.Network;

namespace Pipeline.Cli.Tests.Commands;

public sealed class ErrorHandlingTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public async Task AnyTool_NoBrokerAtTheAddress_ExitsOneWithTheFix()
    {
        var address = $"127.0.0.1:{FreePort.Next()}";
        var run = await CliRun.RunAsync(["topics", "list", "--bootstrap-server", address]);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"cannot reach the broker at {address}", run.Error, StringComparison.Ordinal);
        Assert.Contains("pipeline up", run.Error, StringComparison.Ordinal);
        Assert.Contains("--bootstrap-server", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    [Theory]
    [InlineData("topics", "crate")]
    [InlineData("topics", "create", "--partitionz", "3", "t")]
    [InlineData("groups")]
    [InlineData("topics", "create")]
    [InlineData("produce", "-t", "x", "-X", "linger.ms")]
    [InlineData("groups", "reset-offsets", "-g", "g", "--topic", "t")]
    [InlineData("bench", "produce", "--records", "0")]
    public async Task BadCommandLine_ExitsTwo(params string[] args)
    {
        var run = await CliRun.RunAsync([.. args, "--bootstrap-server", "127.0.0.1:1"]);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.NotEqual("", run.Error);
    }

    [Fact]
    public async Task BadBootstrapAddress_IsAUsageError()
    {
        var run = await CliRun.RunAsync(["topics", "list", "--bootstrap-server", "localhost"]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("HOST:PORT", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsTheTools()
    {
        var run = await CliRun.RunAsync(["--help"]);
        Assert.Equal(0, run.ExitCode);
        foreach (var tool in new[] { "topics", "produce", "groups", "configs", "bench" })
        {
            Assert.Contains(tool, run.Out, StringComparison.Ordinal);
        }
    }
}
