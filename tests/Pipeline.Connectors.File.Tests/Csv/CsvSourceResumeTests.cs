using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Errors;

namespace Pipeline.Connectors.File.Tests.Csv;

public sealed class CsvSourceResumeTests : IDisposable
{
    private readonly CsvSourceHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Restart_MidFile_ResumesAfterLastCommittedRowWithoutDuplicatesOrGaps()
    {
        _h.Props["batch.size"] = "4";
        _h.Write("big.csv", "n\n" + string.Concat(Enumerable.Range(1, 10).Select(i => $"{i}\n")));
        var first = _h.Start();
        var committed = await first.PollAsync(CancellationToken.None);
        _h.Offsets.Acknowledge(first, committed);
        var lost = await first.PollAsync(CancellationToken.None); // produced but the worker died before committing
        Assert.Equal(4, lost!.Count);
        first.Stop();
        Assert.True(System.IO.File.Exists(Path.Combine(_h.Input, "big.csv")));

        var second = _h.Start();
        var rest = await _h.DrainAsync(second);

        var all = committed!.Concat(rest).Select(r => ((Struct)r.Value!).GetString("n")).ToList();
        Assert.Equal(Enumerable.Range(1, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), all);
        Assert.Equal(5L, (long)rest[0].SourceOffset!["row"]!);
        Assert.True(System.IO.File.Exists(Path.Combine(_h.Finished, "big.csv")));
        second.Stop();
    }

    [Fact]
    public async Task Restart_WithMultilineRows_SkipsRowsNotLines()
    {
        _h.Props["batch.size"] = "1";
        _h.Write("ml.csv", "a\n\"x\ny\"\n\"p\nq\"\nlast\n");
        var first = _h.Start();
        _h.Offsets.Acknowledge(first, await first.PollAsync(CancellationToken.None));
        first.Stop();

        var second = _h.Start();
        var rest = await _h.DrainAsync(second);

        Assert.Equal(["p\nq", "last"], rest.Select(r => ((Struct)r.Value!).GetString("a")));
        second.Stop();
    }

    [Fact]
    public async Task Restart_FileReplacedUnderTheSameName_ReadFromTheStart()
    {
        _h.Props["cleanup.policy"] = "NONE";
        _h.Write("same.csv", "x\n1\n2\n");
        var task = _h.Start();
        Assert.Equal(2, (await _h.DrainAsync(task)).Count);
        task.Stop();

        var path = _h.Write("same.csv", "x\n3\n4\n5\n");
        System.IO.File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-0.5));
        var again = _h.Start();
        var records = await _h.DrainAsync(again);

        Assert.Equal(["3", "4", "5"], records.Select(r => ((Struct)r.Value!).GetString("x")));
        again.Stop();
    }

    [Fact]
    public async Task Restart_CommittedLastRowButFileNotMoved_OnlyMovesIt()
    {
        _h.Write("done.csv", "x\n1\n");
        var first = _h.Start();
        var records = await first.PollAsync(CancellationToken.None);
        first.Stop(); // crash: the rows were written but the file not yet moved
        foreach (var r in records!)
        {
            _h.Offsets.Set(r.SourcePartition!, r.SourceOffset!);
        }

        var second = _h.Start();
        Assert.Empty(await _h.DrainAsync(second));
        second.Stop();

        Assert.True(System.IO.File.Exists(Path.Combine(_h.Finished, "done.csv")));
    }

    [Fact]
    public async Task BadRow_HaltOnError_GoodRowsFirstThenFailureNamingFileAndLine()
    {
        _h.Props["value.schema"] = """{"type":"struct","fields":[{"field":"id","type":"int32"},{"field":"v","type":"string","optional":true}]}""";
        _h.Write("bad.csv", "id,v\n1,a\n2,\"b\nb\"\nthree,c\n4,d\n");
        var task = _h.Start();

        var good = await task.PollAsync(CancellationToken.None);
        Assert.Equal([1, 2], good!.Select(r => ((Struct)r.Value!).GetInt32("id")!.Value));
        var e = await Assert.ThrowsAsync<ConnectException>(async () => await task.PollAsync(CancellationToken.None));

        Assert.Contains("bad.csv", e.Message, StringComparison.Ordinal);
        Assert.Contains("line 5", e.Message, StringComparison.Ordinal);
        Assert.Contains("data row 3", e.Message, StringComparison.Ordinal);
        Assert.Contains("three", e.Message, StringComparison.Ordinal);
        task.Stop();
        Assert.True(System.IO.File.Exists(Path.Combine(_h.Input, "bad.csv")));
    }

    [Fact]
    public async Task BadRow_WrongFieldCount_IsAnError()
    {
        _h.Write("count.csv", "a,b\n1,2\n3\n");
        var task = _h.Start();

        _ = await task.PollAsync(CancellationToken.None);
        var e = await Assert.ThrowsAsync<ConnectException>(async () => await task.PollAsync(CancellationToken.None));

        Assert.Contains("expected 2 fields, found 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", e.Message, StringComparison.Ordinal);
        task.Stop();
    }

    [Fact]
    public async Task BadRow_StrayQuote_IsAnError()
    {
        _h.Write("quote.csv", "a,b\nab\"c,2\n");
        var task = _h.Start();

        var e = await Assert.ThrowsAsync<ConnectException>(async () => await task.PollAsync(CancellationToken.None));

        Assert.Contains("malformed quoting", e.Message, StringComparison.Ordinal);
        task.Stop();
    }

    [Fact]
    public async Task BadRow_HaltOnErrorFalse_FileMovedToErrorWithReasonAndNextFileRead()
    {
        _h.Props["halt.on.error"] = "false";
        _h.Props["value.schema"] = """{"type":"struct","fields":[{"field":"id","type":"int32"}]}""";
        _h.Write("a.csv", "id\n1\nx\n3\n");
        _h.Write("b.csv", "id\n10\n");
        var task = _h.Start();

        var records = await _h.DrainAsync(task);

        Assert.Equal([1, 10], records.Select(r => ((Struct)r.Value!).GetInt32("id")!.Value));
        Assert.True(System.IO.File.Exists(Path.Combine(_h.Error, "a.csv")));
        Assert.Contains("line 3", await System.IO.File.ReadAllTextAsync(Path.Combine(_h.Error, "a.csv.error.txt")), StringComparison.Ordinal);
        Assert.True(System.IO.File.Exists(Path.Combine(_h.Finished, "b.csv")));
        task.Stop();
    }

    [Fact]
    public async Task Header_MissingRequiredColumn_FileFails()
    {
        _h.Props["value.schema"] = """{"type":"struct","fields":[{"field":"id","type":"int32"}]}""";
        _h.Write("h.csv", "other\n1\n");
        var task = _h.Start();

        var e = await Assert.ThrowsAsync<ConnectException>(async () => await task.PollAsync(CancellationToken.None));

        Assert.Contains("id", e.Message, StringComparison.Ordinal);
        task.Stop();
    }

    [Fact]
    public async Task Decimal_MoreDigitsThanScale_IsAnError()
    {
        _h.Props["value.schema"] = """{"type":"struct","fields":[{"field":"p","type":"bytes","name":"org.apache.kafka.connect.data.Decimal","parameters":{"scale":"2"}}]}""";
        _h.Write("d.csv", "p\n1.500\n1.234\n");
        var task = _h.Start();

        var first = await task.PollAsync(CancellationToken.None);
        Assert.Equal(1.50m, ((Struct)first!.Single().Value!).Get("p"));
        await Assert.ThrowsAsync<ConnectException>(async () => await task.PollAsync(CancellationToken.None));
        task.Stop();
    }
}
