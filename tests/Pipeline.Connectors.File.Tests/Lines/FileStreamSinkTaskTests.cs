using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Sink;
using Pipeline.Connectors.File.Lines;
using Pipeline.Connectors.File.Tests.Fakes;
using Pipeline.Testing.IO;

namespace Pipeline.Connectors.File.Tests.Lines;

public sealed class FileStreamSinkTaskTests : IDisposable
{
    private readonly TempDirectory _dir = new("filestream-sink");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task PutThenFlush_Values_AppendedAsLines()
    {
        var path = _dir.Combine("out.txt");
        await System.IO.File.WriteAllTextAsync(path, "existing\n");
        var task = Start(path);

        await task.PutAsync([Record("a", 0), Record(null, 1), Record(42, 2), Record("é", 3)], CancellationToken.None);
        await task.FlushAsync(new Dictionary<TopicPartition, long>(), CancellationToken.None);

        Assert.Equal("existing\na\nnull\n42\né\n", await System.IO.File.ReadAllTextAsync(path));
        task.Stop();
    }

    [Fact]
    public async Task Put_BeforeFlush_NotYetOnDisk_AfterFlushItIs()
    {
        var path = _dir.Combine("out.txt");
        var task = Start(path);

        await task.PutAsync([Record("line", 0)], CancellationToken.None);
        Assert.Equal("", await ReadShared(path));
        await task.FlushAsync(new Dictionary<TopicPartition, long>(), CancellationToken.None);
        Assert.Equal("line\n", await ReadShared(path));
        task.Stop();
    }

    [Fact]
    public void Connector_TaskConfigs_OnePerMaxTasksAndKafkaAliases()
    {
        var connector = new FileStreamSinkConnector();
        connector.Start(new Dictionary<string, string> { ["file"] = "x", ["topics"] = "t" });

        Assert.Equal(3, connector.TaskConfigs(3).Count);
        var alias = (Pipeline.Connect.Api.PluginAliasAttribute)Attribute.GetCustomAttribute(typeof(FileStreamSinkConnector), typeof(Pipeline.Connect.Api.PluginAliasAttribute))!;
        Assert.Contains("org.apache.kafka.connect.file.FileStreamSinkConnector", alias.Aliases);
    }

    private static async Task<string> ReadShared(string path)
    {
        await using var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var r = new StreamReader(s);
        return await r.ReadToEndAsync();
    }

    private static SinkRecord Record(object? value, long offset) =>
        new("t", 0, null, null, value is string ? Schema.String : null, value, offset);

    private static FileStreamSinkTask Start(string path)
    {
        var props = new Dictionary<string, string> { ["file"] = path };
        var task = new FileStreamSinkTask();
        task.Initialize(new TestSinkTaskContext(props));
        task.Start(props);
        return task;
    }
}
