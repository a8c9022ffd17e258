using System.Text;
using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Data;

namespace Pipeline.Connectors.File.Tests.Csv;

public sealed class CsvSinkTaskTests : IDisposable
{
    private static readonly Schema Person = SchemaBuilder.Struct().Name("Person")
        .Field("id", Schema.Int64)
        .Field("name", Schema.OptionalString)
        .Build();

    private readonly CsvSinkHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Put_Structs_HeaderFromSchemaAndQuotedWhereNeeded()
    {
        var task = _h.Start();

        await task.PutAsync(
            [
                CsvSinkHarness.Record(Person, new Struct(Person).Put("id", 1L).Put("name", "a,b"), 0),
                CsvSinkHarness.Record(Person, new Struct(Person).Put("id", 2L).Put("name", "say \"hi\"\nbye"), 1),
                CsvSinkHarness.Record(Person, new Struct(Person).Put("id", 3L), 2),
            ],
            CancellationToken.None);
        task.Stop();

        var file = Assert.Single(_h.Finished());
        Assert.Equal("t-0-0000000000000000000.csv", file);
        Assert.Equal("id,name\n1,\"a,b\"\n2,\"say \"\"hi\"\"\nbye\"\n3,\n", _h.Read(file));
    }

    [Fact]
    public async Task Put_LogicalTypes_FormattedInvariantlyAsIso8601()
    {
        var schema = SchemaBuilder.Struct()
            .Field("price", ConnectDecimal.Schema(2))
            .Field("day", ConnectDate.Schema)
            .Field("at", ConnectTimestamp.Schema)
            .Field("t", ConnectTime.Schema)
            .Field("ok", Schema.Boolean)
            .Field("ratio", Schema.Float64)
            .Field("raw", Schema.Bytes)
            .Build();
        var value = new Struct(schema)
            .Put("price", 12.50m)
            .Put("day", new DateOnly(2024, 5, 1))
            .Put("at", new DateTimeOffset(2024, 5, 1, 12, 30, 0, 123, TimeSpan.FromHours(2)))
            .Put("t", new TimeOnly(8, 5, 3, 250))
            .Put("ok", true)
            .Put("ratio", 0.1)
            .Put("raw", new byte[] { 1, 2, 3 });
        var task = _h.Start();

        await task.PutAsync([CsvSinkHarness.Record(schema, value, 0)], CancellationToken.None);
        task.Stop();

        Assert.Equal("price,day,at,t,ok,ratio,raw\n12.50,2024-05-01,2024-05-01T10:30:00.123Z,08:05:03.250,true,0.1,AQID\n", _h.Read(_h.Finished().Single()));
    }

    [Fact]
    public async Task Put_SchemalessMaps_HeaderFromFirstRecordKeys()
    {
        var task = _h.Start();

        await task.PutAsync(
            [
                CsvSinkHarness.Record(null, new Dictionary<string, object?> { ["a"] = 1L, ["b"] = "x" }, 0),
                CsvSinkHarness.Record(null, new Dictionary<string, object?> { ["b"] = "y", ["a"] = 2L }, 1),
            ],
            CancellationToken.None);
        task.Stop();

        Assert.Equal("a,b\n1,x\n2,y\n", _h.Read(_h.Finished().Single()));
    }

    [Fact]
    public async Task Put_RotateRowCount_RollsToFilesNamedByFirstOffset()
    {
        _h.Props["rotate.row.count"] = "2";
        var task = _h.Start();

        await task.PutAsync(Enumerable.Range(0, 5).Select(i => CsvSinkHarness.Record(Schema.String, "v" + i, 100 + i)).ToList(), CancellationToken.None);

        Assert.Equal(["t-0-0000000000000000100.csv", "t-0-0000000000000000102.csv"], _h.Finished());
        Assert.Equal("value\nv2\nv3\n", _h.Read("t-0-0000000000000000102.csv"));
        task.Stop();
        Assert.Equal("value\nv4\n", _h.Read("t-0-0000000000000000104.csv"));
    }

    [Fact]
    public async Task PreCommit_CommitsOnlyRowsInClosedFiles()
    {
        _h.Props["rotate.row.count"] = "3";
        var task = _h.Start();
        await task.PutAsync(Enumerable.Range(0, 4).Select(i => CsvSinkHarness.Record(Schema.String, "v" + i, i)).ToList(), CancellationToken.None);

        var offsets = await task.PreCommitAsync(new Dictionary<TopicPartition, long> { [CsvSinkHarness.P0] = 4 }, CancellationToken.None);

        // Rows 0..2 are in a closed file; row 3 sits in the open .tmp file.
        Assert.Equal(3, offsets[CsvSinkHarness.P0]);
        Assert.Single(Directory.GetFiles(_h.Output, "*.tmp"));
        // The open file is synced by the flush: its rows are on disk under the .tmp name.
        Assert.Equal("value\nv3\n", await System.IO.File.ReadAllTextAsync(Directory.GetFiles(_h.Output, "*.tmp").Single()));
        task.Stop();
    }

    [Fact]
    public async Task PreCommit_NoOpenFile_CommitsCurrentOffsets()
    {
        _h.Props["rotate.row.count"] = "2";
        var task = _h.Start();
        await task.PutAsync([CsvSinkHarness.Record(Schema.String, "a", 0), CsvSinkHarness.Record(Schema.String, "b", 1), CsvSinkHarness.Record(null, null, 2)], CancellationToken.None);

        var offsets = await task.PreCommitAsync(new Dictionary<TopicPartition, long> { [CsvSinkHarness.P0] = 3 }, CancellationToken.None);

        Assert.Equal(3, offsets[CsvSinkHarness.P0]);
        task.Stop();
    }

    [Fact]
    public async Task RotateInterval_Elapsed_FileClosedOnNextPutOrCommit()
    {
        _h.Props["rotate.interval.ms"] = "1";
        var task = _h.Start();
        await task.PutAsync([CsvSinkHarness.Record(Schema.String, "a", 0)], CancellationToken.None);
        await Task.Delay(20);

        var offsets = await task.PreCommitAsync(new Dictionary<TopicPartition, long> { [CsvSinkHarness.P0] = 1 }, CancellationToken.None);

        Assert.Equal(1, offsets[CsvSinkHarness.P0]);
        Assert.Single(_h.Finished());
        task.Stop();
    }

    [Fact]
    public async Task Put_SchemaChange_StartsANewFileWithTheNewHeader()
    {
        var other = SchemaBuilder.Struct().Field("x", Schema.Int32).Build();
        var task = _h.Start();

        await task.PutAsync(
            [
                CsvSinkHarness.Record(Person, new Struct(Person).Put("id", 1L), 0),
                CsvSinkHarness.Record(other, new Struct(other).Put("x", 5), 1),
            ],
            CancellationToken.None);
        task.Stop();

        Assert.Equal(["t-0-0000000000000000000.csv", "t-0-0000000000000000001.csv"], _h.Finished());
        Assert.Equal("x\n5\n", _h.Read("t-0-0000000000000000001.csv"));
    }

    [Fact]
    public async Task Close_Partition_ClosesOnlyItsFile()
    {
        var task = _h.Start();
        task.Open([new TopicPartition("t", 1)]);
        await task.PutAsync([CsvSinkHarness.Record(Schema.String, "a", 0), CsvSinkHarness.Record(Schema.String, "b", 0, partition: 1)], CancellationToken.None);

        task.Close([new TopicPartition("t", 1)]);

        Assert.Equal(["t-1-0000000000000000000.csv"], _h.Finished());
        task.Stop();
    }

    [Fact]
    public async Task Open_StaleTmpFromACrash_Deleted_AndRewrittenFileReplacesTheOldOne()
    {
        Directory.CreateDirectory(_h.Output);
        await System.IO.File.WriteAllTextAsync(Path.Combine(_h.Output, "t-0-0000000000000000000.csv.tmp"), "value\npartial\n");
        await System.IO.File.WriteAllTextAsync(Path.Combine(_h.Output, "t-0-0000000000000000000.csv"), "value\nold\n");
        var task = _h.Start();
        Assert.Empty(Directory.GetFiles(_h.Output, "*.tmp"));

        await task.PutAsync([CsvSinkHarness.Record(Schema.String, "new", 0)], CancellationToken.None);
        task.Stop();

        Assert.Equal("value\nnew\n", _h.Read("t-0-0000000000000000000.csv"));
    }

    [Fact]
    public async Task Options_SeparatorPrefixNullTextCrlfAndEncoding_Applied()
    {
        _h.Props["csv.separator.char"] = "\\t";
        _h.Props["output.file.prefix"] = "export-";
        _h.Props["csv.null.field.indicator"] = "NULL";
        _h.Props["csv.line.separator"] = "CRLF";
        _h.Props["file.encoding"] = "ISO-8859-1";
        var task = _h.Start();

        await task.PutAsync([CsvSinkHarness.Record(Person, new Struct(Person).Put("id", 1L).Put("name", "José"), 0), CsvSinkHarness.Record(Person, new Struct(Person).Put("id", 2L), 1)], CancellationToken.None);
        task.Stop();

        var name = _h.Finished().Single();
        Assert.StartsWith("export-t-0-", name, StringComparison.Ordinal);
        Assert.Equal("id\tname\r\n1\tJosé\r\n2\tNULL\r\n", System.IO.File.ReadAllText(Path.Combine(_h.Output, name), Encoding.Latin1));
    }
}
