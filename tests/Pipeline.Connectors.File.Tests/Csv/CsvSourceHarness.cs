using Pipeline.Connect.Api.Source;
using Pipeline.Connectors.File.Csv;
using Pipeline.Connectors.File.Tests.Fakes;
using Pipeline.Testing.IO;

namespace Pipeline.Connectors.File.Tests.Csv;

/// <summary>Directories, a config and the runtime's side of a CSV source task (offsets, acknowledgements).</summary>
internal sealed class CsvSourceHarness : IDisposable
{
    private readonly TempDirectory _dir = new("csv-source");

    public CsvSourceHarness()
    {
        Input = _dir.CreateSubdirectory("input");
        Finished = _dir.Combine("finished");
        Error = _dir.Combine("error");
        Props = new Dictionary<string, string>
        {
            ["topic"] = "rows",
            ["input.path"] = Input,
            ["finished.path"] = Finished,
            ["error.path"] = Error,
            ["input.file.pattern"] = ".*\\.csv",
            ["empty.poll.wait.ms"] = "1",
        };
    }

    public string Input { get; }

    public string Finished { get; }

    public string Error { get; }

    public Dictionary<string, string> Props { get; }

    public MemoryOffsetStore Offsets { get; } = new();

    public string Write(string name, string content, System.Text.Encoding? encoding = null)
    {
        var path = Path.Combine(Input, name);
        System.IO.File.WriteAllText(path, content, encoding ?? new System.Text.UTF8Encoding(false));
        System.IO.File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-1));
        return path;
    }

    public CsvSourceTask Start(Dictionary<string, string>? props = null)
    {
        props ??= Props;
        var task = new CsvSourceTask();
        task.Initialize(new TestSourceTaskContext(props, Offsets));
        task.Start(props);
        return task;
    }

    /// <summary>Polls until <paramref name="idlePolls"/> polls in a row return nothing, acknowledging every record.</summary>
    public async Task<List<SourceRecord>> DrainAsync(CsvSourceTask task, int idlePolls = 3, bool acknowledge = true)
    {
        var all = new List<SourceRecord>();
        for (var idle = 0; idle < idlePolls;)
        {
            var batch = await task.PollAsync(CancellationToken.None);
            if (batch is null || batch.Count == 0)
            {
                idle++;
                continue;
            }

            idle = 0;
            all.AddRange(batch);
            if (acknowledge)
            {
                Offsets.Acknowledge(task, batch);
            }
        }

        return all;
    }

    public void Dispose() => _dir.Dispose();
}
