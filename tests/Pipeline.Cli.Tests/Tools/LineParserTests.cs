using System.Text;
using Pipeline.Cli.Tools;
using Pipeline.Cli.Tools.Produce;
using Pipeline.Client;

namespace Pipeline.Cli.Tests.Tools;

public sealed class LineParserTests
{
    [Fact]
    public void Parse_NoProperties_WholeLineIsTheValueWithNullKey()
    {
        var r = new LineParser(new LineFormat()).Parse("a:b\tc", 1);
        Assert.Null(r.Key);
        Assert.Equal("a:b\tc", Text(r.Value));
        Assert.Null(r.Headers);
    }

    [Fact]
    public void Parse_ParseKey_SplitsAtTheFirstSeparator()
    {
        var r = new LineParser(new LineFormat { ParseKey = true, KeySeparator = ":" }).Parse("k:v:w", 1);
        Assert.Equal("k", Text(r.Key));
        Assert.Equal("v:w", Text(r.Value));
    }

    [Fact]
    public void Parse_MissingKeySeparator_FailsNamingTheLineAndTheWayOut()
    {
        var e = Assert.Throws<ToolException>(() => new LineParser(new LineFormat { ParseKey = true, KeySeparator = ":" }).Parse("novalue", 7));
        Assert.Contains("line 7", e.Message, StringComparison.Ordinal);
        Assert.Contains("ignore.error=true", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingKeySeparatorWithIgnoreError_SendsTheLineWithNullKey()
    {
        var r = new LineParser(new LineFormat { ParseKey = true, KeySeparator = ":", IgnoreError = true }).Parse("whole", 1);
        Assert.Null(r.Key);
        Assert.Equal("whole", Text(r.Value));
    }

    [Fact]
    public void Parse_Headers_ParsesPairsAndAHeaderWithoutValueIsNull()
    {
        var format = LineFormat.FromProperties(new Dictionary<string, string> { ["parse.headers"] = "true", ["parse.key"] = "true" });
        var r = new LineParser(format).Parse("h1:a,h2:b:c,flag\tkey\tvalue", 1);
        Assert.Equal("key", Text(r.Key));
        Assert.Equal("value", Text(r.Value));
        Assert.Equal(["h1", "h2", "flag"], r.Headers!.Select(h => h.Key));
        Assert.Equal("a", Text(r.Headers![0].Value));
        Assert.Equal("b:c", Text(r.Headers![1].Value));
        Assert.Null(r.Headers![2].Value);
    }

    [Fact]
    public void Parse_NullMarker_MakesKeyAndValueNull()
    {
        var r = new LineParser(new LineFormat { ParseKey = true, KeySeparator = "=", NullMarker = "NULL" }).Parse("NULL=NULL", 1);
        Assert.Null(r.Key);
        Assert.Null(r.Value);
    }

    [Fact]
    public void Parse_FixedHeaders_ComeBeforeParsedOnes()
    {
        var parser = new LineParser(new LineFormat { ParseHeaders = true }, [new Header("src", Encoding.UTF8.GetBytes("cli"))]);
        var r = parser.Parse("a:1\tv", 1);
        Assert.Equal(["src", "a"], r.Headers!.Select(h => h.Key));
    }

    [Fact]
    public void FromProperties_EscapedTab_IsATab()
    {
        Assert.Equal("\t", LineFormat.FromProperties(new Dictionary<string, string> { ["key.separator"] = "\\t" }).KeySeparator);
    }

    [Fact]
    public void FromProperties_UnknownProperty_IsAUsageErrorListingTheKnownOnes()
    {
        var e = Assert.Throws<ToolException>(() => LineFormat.FromProperties(new Dictionary<string, string> { ["parse.keys"] = "true" }));
        Assert.Equal(ExitCodes.Usage, e.ExitCode);
        Assert.Contains("key.separator", e.Message, StringComparison.Ordinal);
    }

    private static string? Text(byte[]? bytes) => bytes is null ? null : Encoding.UTF8.GetString(bytes);
}
