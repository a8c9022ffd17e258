using Pipeline.Cli.Tools;
using Pipeline.Cli.Tools.Configs;
using Pipeline.Cli.Tools.Connection;
using Pipeline.Cli.Tools.Groups;

namespace Pipeline.Cli.Tests.Tools;

public sealed class ArgumentParsingTests
{
    [Fact]
    public void ConfigValueList_BracketedList_KeepsItsCommas()
    {
        var pairs = ConfigValueList.Parse("retention.ms=1000, cleanup.policy=[compact,delete],x=a=b");
        Assert.Equal([("retention.ms", "1000"), ("cleanup.policy", "compact,delete"), ("x", "a=b")], pairs.Select(p => (p.Key, p.Value)));
    }

    [Fact]
    public void ConfigValueList_EntryWithoutEquals_IsAUsageError()
    {
        Assert.Equal(ExitCodes.Usage, Assert.Throws<ToolException>(() => ConfigValueList.Parse("retention.ms")).ExitCode);
    }

    [Fact]
    public void ParseTopic_WithPartitions_ListsThem()
    {
        Assert.Equal(("orders", (IReadOnlyList<int>?)null), ResetArguments.ParseTopic("orders"));
        var (topic, partitions) = ResetArguments.ParseTopic("orders:0,2");
        Assert.Equal("orders", topic);
        Assert.Equal([0, 2], partitions!);
        Assert.Throws<ToolException>(() => ResetArguments.ParseTopic("orders:x"));
    }

    [Theory]
    [InlineData("PT15M", 15 * 60)]
    [InlineData("P1DT2H", 26 * 3600)]
    [InlineData("90s", 90)]
    [InlineData("2h", 7200)]
    [InlineData("1d", 86400)]
    public void ParseDuration_IsoAndShortForms(string text, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), ResetArguments.ParseDuration(text));

    [Fact]
    public void ParseTime_IsoWithOffsetAndUnixMilliseconds()
    {
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000), ResetArguments.ParseTime("1700000000000"));
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero), ResetArguments.ParseTime("2024-05-01T12:00:00Z"));
        Assert.Equal(ExitCodes.Usage, Assert.Throws<ToolException>(() => ResetArguments.ParseTime("yesterday")).ExitCode);
    }

    [Fact]
    public void ClientSettings_BootstrapPrecedence_OptionThenSettingThenEnvironmentThenDefault()
    {
        string? Env(string name) => name == ClientSettings.EnvironmentVariable ? "env:1" : null;
        Assert.Equal("opt:1", ClientSettings.Resolve("opt:1", null, ["bootstrap.servers=x:1"], Env).BootstrapServers);
        Assert.Equal("x:1", ClientSettings.Resolve(null, null, ["bootstrap.servers=x:1"], Env).BootstrapServers);
        Assert.Equal("env:1", ClientSettings.Resolve(null, null, [], Env).BootstrapServers);
        Assert.Equal(ClientSettings.DefaultBootstrapServers, ClientSettings.Resolve(null, null, [], _ => null).BootstrapServers);
    }

    [Fact]
    public void ClientSettings_CommandConfigThenX_UserSettingsOverrideToolDefaults()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "client.id=from-file\nlinger.ms=7\n");
            var s = ClientSettings.Resolve("b:1", new FileInfo(file), ["linger.ms=9"], _ => null);
            var config = s.Build(new Dictionary<string, string> { ["client.id"] = "tool", ["acks"] = "1" });
            Assert.Equal("from-file", config["client.id"]);
            Assert.Equal("9", config["linger.ms"]);
            Assert.Equal("1", config["acks"]);
            Assert.Equal("b:1", config["bootstrap.servers"]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void ClientSettings_MalformedX_IsAUsageErrorWithAnExample()
    {
        var e = Assert.Throws<ToolException>(() => ClientSettings.Resolve(null, null, ["linger.ms"], _ => null));
        Assert.Equal(ExitCodes.Usage, e.ExitCode);
        Assert.Contains("-X linger.ms=10", e.Message, StringComparison.Ordinal);
    }
}
