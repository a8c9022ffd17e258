using Pipeline.Protocol.Config;
using Pipeline.Testing.IO;
using Xunit;

namespace Pipeline.Protocol.Tests.Config;

/// <summary>.properties text read the way java.util.Properties (and so Kafka) reads it.</summary>
public sealed class PropertiesFileTests
{
    [Theory]
    [InlineData("key=value", "key", "value")]
    [InlineData("key = value", "key", "value")]
    [InlineData("key:value", "key", "value")]
    [InlineData("key : value", "key", "value")]
    [InlineData("key value", "key", "value")]
    [InlineData("   key=value", "key", "value")]
    [InlineData("key=value  ", "key", "value  ")]
    [InlineData("key=a=b:c", "key", "a=b:c")]
    [InlineData("key=", "key", "")]
    [InlineData("key", "key", "")]
    [InlineData(@"with\ space=x", "with space", "x")]
    [InlineData(@"with\=equals=x", "with=equals", "x")]
    [InlineData(@"path=C:\\data\\kafka", "path", @"C:\data\kafka")]
    [InlineData(@"tab=a\tb", "tab", "a\tb")]
    [InlineData(@"unicode=\u0041\u00e9", "unicode", "Aé")]
    public void Parse_OneLine_SplitsKeyAndValueLikeJava(string line, string key, string value)
    {
        var props = PropertiesFile.Parse(line);

        Assert.Equal(value, Assert.Contains(key, props));
        Assert.Single(props);
    }

    [Fact]
    public void Parse_CommentsAndBlankLines_AreSkipped()
    {
        var props = PropertiesFile.Parse("# comment\n! also a comment\n\n   # indented comment\nnode.id=1\n");

        Assert.Equal(new Dictionary<string, string> { ["node.id"] = "1" }, props);
    }

    [Fact]
    public void Parse_BackslashAtLineEnd_ContinuesWithTheNextLineTrimmedOfLeadingSpace()
    {
        var props = PropertiesFile.Parse("listeners=PLAINTEXT://:9092,\\\n      CONTROLLER://:9093\nnext=1");

        Assert.Equal("PLAINTEXT://:9092,CONTROLLER://:9093", props["listeners"]);
        Assert.Equal("1", props["next"]);
    }

    [Fact]
    public void Parse_EscapedBackslashAtLineEnd_DoesNotContinue()
    {
        var props = PropertiesFile.Parse("dir=C:\\\\\nnext=1");

        Assert.Equal("C:\\", props["dir"]);
        Assert.Equal("1", props["next"]);
    }

    [Fact]
    public void Parse_RepeatedKey_LastOneWins()
    {
        Assert.Equal("2", PropertiesFile.Parse("a=1\na=2")["a"]);
    }

    [Fact]
    public void Parse_WindowsLineEndings_AreHandled()
    {
        var props = PropertiesFile.Parse("a=1\r\nb=2\r\n");

        Assert.Equal(("1", "2"), (props["a"], props["b"]));
    }

    [Fact]
    public void Load_MissingFile_SaysWhichFile()
    {
        using var dir = new TempDirectory("props");
        var path = dir.Combine("missing.properties");

        var e = Assert.Throws<FileNotFoundException>(() => PropertiesFile.Load(path));

        Assert.Contains(path, e.Message);
    }
}
