using Pipeline.Connect.Runtime.Herder;
using Pipeline.Connect.Runtime.Standalone;
using Pipeline.Testing.IO;

namespace Pipeline.Connect.Runtime.Tests.Standalone;

public sealed class ConnectorFileTests
{
    [Fact]
    public void Load_PropertiesFile_NameFromConfig()
    {
        using var dir = new TempDirectory("connector-files");
        var path = dir.Combine("sink.properties");
        File.WriteAllText(path, "name=local-file-sink\nconnector.class=FileStreamSink\ntasks.max=1\nfile=test.sink.txt\ntopics=connect-test\n");
        var file = ConnectorFile.Load(path);
        Assert.Equal("local-file-sink", file.Name);
        Assert.Equal("connect-test", file.Config["topics"]);
        Assert.Null(file.InitialState);
    }

    [Fact]
    public void ParseJson_FlatMapAndWrappedForm_BothRead()
    {
        var flat = ConnectorFile.ParseJson("""{"name":"a","connector.class":"X","tasks.max":2}""", "a.json");
        Assert.Equal("a", flat.Name);
        Assert.Equal("2", flat.Config["tasks.max"]);

        var wrapped = ConnectorFile.ParseJson("""{"name":"b","config":{"connector.class":"X"},"initial_state":"PAUSED"}""", "b.json");
        Assert.Equal("b", wrapped.Name);
        Assert.Equal("b", wrapped.Config["name"]);
        Assert.Equal(TargetState.Paused, wrapped.InitialState);
    }

    [Fact]
    public void ParseJson_BadStateOrNoName_FormatException()
    {
        Assert.Throws<FormatException>(() => ConnectorFile.ParseJson("""{"name":"b","config":{},"initial_state":"SLEEPING"}""", "x"));
        Assert.Throws<FormatException>(() => ConnectorFile.ParseJson("""{"connector.class":"X"}""", "x"));
    }
}
