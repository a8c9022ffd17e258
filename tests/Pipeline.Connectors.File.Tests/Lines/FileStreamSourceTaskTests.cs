using System.Text;
using Pipeline.Connect.Api.Data;
using Pipeline.Connectors.File.Lines;
using Pipeline.Connectors.File.Tests.Fakes;
using Pipeline.Testing.IO;

namespace Pipeline.Connectors.File.Tests.Lines;

public sealed class FileStreamSourceTaskTests : IDisposable
{
    private readonly TempDirectory _dir = new("filestream-source");
    private readonly MemoryOffsetStore _offsets = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Poll_LinesOfAFile_StringValuesWithBytePositionOffsets()
    {
        var path = _dir.Combine("in.txt");
        await System.IO.File.WriteAllTextAsync(path, "alpha\nbé\r\ngamma\n");
        var task = Start(path);

        var records = await task.PollAsync(CancellationToken.None);

        Assert.NotNull(records);
        Assert.Equal(["alpha", "bé", "gamma"], records.Select(r => (string)r.Value!));
        Assert.All(records, r => Assert.Equal(Schema.String, r.ValueSchema));
        Assert.All(records, r => Assert.Null(r.Key));
        Assert.All(records, r => Assert.Equal("lines", r.Topic));
        Assert.All(records, r => Assert.Equal(path, r.SourcePartition![FileStreamSourceTask.FilenameField]));
        // Byte positions: "alpha\n" = 6, "bé\r\n" = 5 bytes (é is two), "gamma\n" = 6.
        Assert.Equal([6L, 11L, 17L], records.Select(r => (long)r.SourceOffset![FileStreamSourceTask.PositionField]!));
        task.Stop();
    }

    [Fact]
    public async Task Poll_UnterminatedLastLine_WaitsUntilItEnds()
    {
        var path = _dir.Combine("in.txt");
        await System.IO.File.WriteAllTextAsync(path, "one\ntw");
        var task = Start(path);

        var first = await task.PollAsync(CancellationToken.None);
        Assert.Equal(["one"], first!.Select(r => (string)r.Value!));
        Assert.Null(await task.PollAsync(CancellationToken.None));

        await System.IO.File.AppendAllTextAsync(path, "o\nthree\n");
        var second = await task.PollAsync(CancellationToken.None);
        Assert.Equal(["two", "three"], second!.Select(r => (string)r.Value!));
        task.Stop();
    }

    [Fact]
    public async Task Poll_MoreLinesThanBatchSize_ReturnsBatchSizeAtATime()
    {
        var path = _dir.Combine("in.txt");
        await System.IO.File.WriteAllTextAsync(path, string.Concat(Enumerable.Range(0, 5).Select(i => $"l{i}\n")));
        var task = Start(path, batchSize: 2);

        Assert.Equal(2, (await task.PollAsync(CancellationToken.None))!.Count);
        Assert.Equal(2, (await task.PollAsync(CancellationToken.None))!.Count);
        Assert.Equal(["l4"], (await task.PollAsync(CancellationToken.None))!.Select(r => (string)r.Value!));
        task.Stop();
    }

    [Fact]
    public async Task Restart_AfterCommittedLines_ResumesExactlyAfterTheLastCommittedLine()
    {
        var path = _dir.Combine("in.txt");
        await System.IO.File.WriteAllTextAsync(path, "a\nb\nc\nd\n");
        var first = Start(path, batchSize: 2);
        _offsets.Acknowledge(first, await first.PollAsync(CancellationToken.None));
        _ = await first.PollAsync(CancellationToken.None); // polled but never committed: read again
        first.Stop();

        var second = Start(path);
        var records = await second.PollAsync(CancellationToken.None);

        Assert.Equal(["c", "d"], records!.Select(r => (string)r.Value!));
        second.Stop();
    }

    [Fact]
    public async Task Poll_FileMissing_ReturnsNullUntilItAppears()
    {
        var path = _dir.Combine("later.txt");
        var task = Start(path);

        Assert.Null(await task.PollAsync(CancellationToken.None));
        await System.IO.File.WriteAllTextAsync(path, "x\n");
        Assert.Equal(["x"], (await task.PollAsync(CancellationToken.None))!.Select(r => (string)r.Value!));
        task.Stop();
    }

    [Fact]
    public async Task Poll_LineLongerThanTheBuffer_ReturnedWhole()
    {
        var path = _dir.Combine("in.txt");
        var longLine = new string('x', 200_000);
        await System.IO.File.WriteAllTextAsync(path, longLine + "\nshort\n", Encoding.UTF8);
        var task = Start(path);

        var values = new List<string>();
        for (var i = 0; i < 10 && values.Count < 2; i++)
        {
            var batch = await task.PollAsync(CancellationToken.None);
            values.AddRange(batch?.Select(r => (string)r.Value!) ?? []);
        }

        Assert.Equal([longLine, "short"], values);
        task.Stop();
    }

    [Fact]
    public async Task Poll_Cancelled_ReturnsNullWithoutThrowing()
    {
        var task = Start(_dir.Combine("none.txt"));
        task.IdleWait = TimeSpan.FromSeconds(30);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        Assert.Null(await task.PollAsync(cts.Token));
        task.Stop();
    }

    private FileStreamSourceTask Start(string path, int batchSize = 2000)
    {
        var props = new Dictionary<string, string> { ["file"] = path, ["topic"] = "lines", ["batch.size"] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var task = new FileStreamSourceTask { IdleWait = TimeSpan.FromMilliseconds(1) };
        task.Initialize(new TestSourceTaskContext(props, _offsets));
        task.Start(props);
        return task;
    }
}
