using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Sink;
using Pipeline.Connectors.File.Csv;
using Pipeline.Connectors.File.Tests.Fakes;
using Pipeline.Testing.IO;

namespace Pipeline.Connectors.File.Tests.Csv;

internal sealed class CsvSinkHarness : IDisposable
{
    private readonly TempDirectory _dir = new("csv-sink");

    public CsvSinkHarness()
    {
        Output = _dir.Combine("out");
        Props = new Dictionary<string, string> { ["topics"] = "t", ["output.path"] = Output };
    }

    public string Output { get; }

    public Dictionary<string, string> Props { get; }

    public static TopicPartition P0 { get; } = new("t", 0);

    public CsvSinkTask Start()
    {
        var task = new CsvSinkTask();
        task.Initialize(new TestSinkTaskContext(Props));
        task.Start(Props);
        task.Open([P0]);
        return task;
    }

    public static SinkRecord Record(Schema? schema, object? value, long offset, int partition = 0) => new("t", partition, null, null, schema, value, offset);

    public string[] Finished() => Directory.GetFiles(Output).Where(f => !f.EndsWith(".tmp", StringComparison.Ordinal)).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    public string Read(string name) => System.IO.File.ReadAllText(Path.Combine(Output, name));

    public void Dispose() => _dir.Dispose();
}
