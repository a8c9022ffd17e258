using Microsoft.Extensions.Logging;
using Pipeline.Connect.Runtime.Rest;

namespace Pipeline.Connect.Runtime.Tests.Rest;

public sealed class LoggerLevelsTests
{
    [Fact]
    public void IsEnabled_InheritsFromNearestAncestorThenRoot()
    {
        var levels = new LoggerLevels("WARN");
        Assert.False(levels.IsEnabled("A.B.C", LogLevel.Information));
        Assert.True(levels.IsEnabled("A.B.C", LogLevel.Warning));

        levels.Set("A.B", "TRACE");
        Assert.True(levels.IsEnabled("A.B.C", LogLevel.Trace));
        Assert.True(levels.IsEnabled("A.B.D", LogLevel.Trace));
        Assert.False(levels.IsEnabled("A.X", LogLevel.Information));
        Assert.False(levels.IsEnabled("A.BC", LogLevel.Information));
    }

    [Fact]
    public void Set_Root_AffectsEveryKnownLogger()
    {
        var levels = new LoggerLevels();
        levels.Set("A.B", "ERROR");
        levels.IsEnabled("C", LogLevel.Information);

        var affected = levels.Set("root", "off");

        Assert.Equal(["A.B", "C", "root"], affected);
        Assert.False(levels.IsEnabled("A.B", LogLevel.Critical));
        Assert.Equal("OFF", levels.Get("C")!.Level);
    }

    [Theory]
    [InlineData("info", "INFO")]
    [InlineData(" Fatal ", "FATAL")]
    [InlineData("all", "ALL")]
    [InlineData("verbose", null)]
    [InlineData(null, null)]
    public void Normalize_KnowsLog4jNames(string? input, string? expected) => Assert.Equal(expected, LoggerLevels.Normalize(input));

    [Fact]
    public void Get_UnknownLogger_IsNull_InheritedHasNoLastModified()
    {
        var levels = new LoggerLevels();
        Assert.Null(levels.Get("nobody"));
        levels.Set("A", "DEBUG");
        levels.IsEnabled("A.B", LogLevel.Debug);
        var child = levels.Get("A.B")!;
        Assert.Equal("DEBUG", child.Level);
        Assert.Null(child.LastModified);
    }
}
