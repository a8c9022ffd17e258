using System.Text;
using Pipeline.Connect.Api.Data;

namespace Pipeline.Connectors.File.Tests.Csv;

public sealed class CsvSourceTaskTests : IDisposable
{
    private readonly CsvSourceHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Poll_HeaderAndRows_GeneratedOptionalStringStructPerRow()
    {
        _h.Write("a.csv", "id,name\n1,ann\n2,\n");
        var task = _h.Start();

        var records = await _h.DrainAsync(task);

        Assert.Equal(2, records.Count);
        var schema = records[0].ValueSchema!;
        Assert.Equal(SchemaType.Struct, schema.Type);
        Assert.Equal(["id", "name"], schema.Fields.Select(f => f.Name));
        Assert.All(schema.Fields, f => Assert.Equal(Schema.OptionalString, f.Schema));
        var first = (Struct)records[0].Value!;
        Assert.Equal("1", first.GetString("id"));
        Assert.Equal("ann", first.GetString("name"));
        Assert.Null(((Struct)records[1].Value!).GetString("name"));
        Assert.All(records, r => Assert.Equal("rows", r.Topic));
        Assert.All(records, r => Assert.Null(r.Key));
        Assert.Equal("a.csv", records[0].SourcePartition!["filename"]);
        Assert.Equal([1L, 2L], records.Select(r => (long)r.SourceOffset!["row"]!));
        Assert.Equal([false, true], records.Select(r => (bool)r.SourceOffset!["eof"]!));
        task.Stop();
    }

    [Fact]
    public async Task Poll_QuotesEscapedQuotesAndMultilineFields_ReadAsValues()
    {
        _h.Write("q.csv", "a,b\n\"x,y\",\"say \"\"hi\"\"\"\n\"line1\nline2\",plain\n");
        var task = _h.Start();

        var values = (await _h.DrainAsync(task)).Select(r => (Struct)r.Value!).ToList();

        Assert.Equal("x,y", values[0].GetString("a"));
        Assert.Equal("say \"hi\"", values[0].GetString("b"));
        Assert.Equal("line1\nline2", values[1].GetString("a"));
        task.Stop();
    }

    [Fact]
    public async Task Poll_SemicolonSeparatorCustomQuoteAndSkipLines_Honoured()
    {
        _h.Props["csv.separator.char"] = ";";
        _h.Props["csv.quote.char"] = "'";
        _h.Props["csv.skip.lines"] = "2";
        _h.Write("s.csv", "# exported\n# by a tool\na;b\n'1;2';3\n");
        var task = _h.Start();

        var v = (Struct)(await _h.DrainAsync(task)).Single().Value!;

        Assert.Equal("1;2", v.GetString("a"));
        Assert.Equal("3", v.GetString("b"));
        task.Stop();
    }

    [Fact]
    public async Task Poll_EscapeMode_BackslashEscapesSeparator()
    {
        _h.Props["csv.mode"] = "ESCAPE";
        _h.Write("e.csv", "a,b\nx\\,y,z\n");
        var task = _h.Start();

        var v = (Struct)(await _h.DrainAsync(task)).Single().Value!;

        Assert.Equal("x,y", v.GetString("a"));
        task.Stop();
    }

    [Theory]
    [InlineData("ISO-8859-1")]
    [InlineData("windows-1252")]
    [InlineData("UTF-16")]
    public async Task Poll_FileEncoding_DecodesNonAscii(string encoding)
    {
        _h.Props["file.encoding"] = encoding;
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        _h.Write("enc.csv", "name\nJosé Müller\n", Encoding.GetEncoding(encoding));
        var task = _h.Start();

        var v = (Struct)(await _h.DrainAsync(task)).Single().Value!;

        Assert.Equal("José Müller", v.GetString("name"));
        task.Stop();
    }

    [Fact]
    public async Task Poll_NoHeader_ColumnsNamedByPosition()
    {
        _h.Props["csv.first.row.as.header"] = "false";
        _h.Write("n.csv", "1,a\n2,b\n");
        var task = _h.Start();

        var records = await _h.DrainAsync(task);

        Assert.Equal(["column1", "column2"], records[0].ValueSchema!.Fields.Select(f => f.Name));
        Assert.Equal(["1", "2"], records.Select(r => ((Struct)r.Value!).GetString("column1")));
        task.Stop();
    }

    [Fact]
    public async Task Poll_ExplicitSchema_TypedValuesAndStructKey()
    {
        _h.Props["value.schema"] = """
            {"type":"struct","name":"com.acme.Order","fields":[
              {"field":"id","type":"int64","optional":false},
              {"field":"qty","type":"int32","optional":true},
              {"field":"price","type":"bytes","name":"org.apache.kafka.connect.data.Decimal","parameters":{"scale":"2"},"optional":true},
              {"field":"day","type":"int32","name":"org.apache.kafka.connect.data.Date","optional":true},
              {"field":"at","type":"int64","name":"org.apache.kafka.connect.data.Timestamp","optional":true},
              {"field":"ok","type":"boolean","optional":true},
              {"field":"ratio","type":"float64","optional":true},
              {"field":"note","type":"string","optional":true}]}
            """;
        _h.Props["key.fields"] = "id,day";
        _h.Props["key.schema.name"] = "com.acme.OrderKey";
        _h.Write("o.csv", "note,id,qty,price,day,at,ok,ratio\nhi,7,3,12.5,2024-05-01,2024-05-01T10:00:00Z,true,0.25\n,8,,,,1714557600000,,\n");
        var task = _h.Start();

        var records = await _h.DrainAsync(task);

        var v = (Struct)records[0].Value!;
        Assert.Equal("com.acme.Order", v.Schema.Name);
        Assert.Equal(7L, v.GetInt64("id"));
        Assert.Equal(3, v.GetInt32("qty"));
        Assert.Equal(12.5m, v.Get("price"));
        Assert.Equal(new DateOnly(2024, 5, 1), v.Get("day"));
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero), v.Get("at"));
        Assert.Equal(true, v.GetBoolean("ok"));
        Assert.Equal(0.25, v.GetFloat64("ratio"));
        Assert.Equal("hi", v.GetString("note"));
        var key = (Struct)records[0].Key!;
        Assert.Equal("com.acme.OrderKey", records[0].KeySchema!.Name);
        Assert.Equal(7L, key.GetInt64("id"));
        var second = (Struct)records[1].Value!;
        Assert.Null(second.Get("qty"));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1714557600000), second.Get("at"));
        task.Stop();
    }

    [Fact]
    public async Task Poll_SingleKeyField_KeyIsThatValue()
    {
        _h.Props["key.fields"] = "id";
        _h.Write("k.csv", "id,v\nk1,x\n");
        var task = _h.Start();

        var r = (await _h.DrainAsync(task)).Single();

        Assert.Equal("k1", r.Key);
        Assert.Equal(Schema.OptionalString, r.KeySchema);
        task.Stop();
    }

    [Fact]
    public async Task Poll_SpooldirSchemaJsonAndKeySchema_Accepted()
    {
        _h.Props["value.schema"] = """{"name":"V","type":"STRUCT","isOptional":false,"fieldSchemas":{"id":{"type":"INT32","isOptional":false},"n":{"type":"STRING","isOptional":true}}}""";
        _h.Props["key.schema"] = """{"name":"K","type":"STRUCT","isOptional":false,"fieldSchemas":{"id":{"type":"INT32","isOptional":false}}}""";
        _h.Write("sp.csv", "id,n\n5,five\n");
        var task = _h.Start();

        var r = (await _h.DrainAsync(task)).Single();

        Assert.Equal(5, ((Struct)r.Key!).GetInt32("id"));
        Assert.Equal("five", ((Struct)r.Value!).GetString("n"));
        task.Stop();
    }

    [Fact]
    public async Task Poll_NullFieldIndicatorText_ReadsThatTextAsNull()
    {
        _h.Props["csv.null.field.indicator"] = "NULL";
        _h.Write("nl.csv", "a,b\nNULL,\n");
        var task = _h.Start();

        var v = (Struct)(await _h.DrainAsync(task)).Single().Value!;

        Assert.Null(v.GetString("a"));
        Assert.Equal("", v.GetString("b"));
        task.Stop();
    }

    [Fact]
    public async Task Poll_FilesInNameOrder_EachMovedToFinishedAfterItsRowsWereWritten()
    {
        _h.Write("b.csv", "x\nb1\n");
        _h.Write("a.csv", "x\na1\na2\n");
        _h.Write("ignored.txt", "x\nz\n");
        var task = _h.Start();

        var first = await task.PollAsync(CancellationToken.None);
        Assert.Equal(["a1", "a2"], first!.Select(r => ((Struct)r.Value!).GetString("x")));
        var second = await task.PollAsync(CancellationToken.None);
        Assert.Equal(["b1"], second!.Select(r => ((Struct)r.Value!).GetString("x")));
        // a.csv is read to its end but its rows are not acknowledged yet: it must stay in the input directory.
        Assert.True(System.IO.File.Exists(Path.Combine(_h.Input, "a.csv")));
        _h.Offsets.Acknowledge(task, first);
        _h.Offsets.Acknowledge(task, second);

        Assert.Empty(await _h.DrainAsync(task));
        Assert.Equal(["a.csv", "b.csv"], Directory.GetFiles(_h.Finished).Select(Path.GetFileName).Order());
        Assert.Equal(["ignored.txt"], Directory.GetFiles(_h.Input).Select(Path.GetFileName));
        task.Stop();
    }

    [Fact]
    public async Task Cleanup_Delete_RemovesFile_None_LeavesItAndDoesNotReadItTwice()
    {
        _h.Props["cleanup.policy"] = "DELETE";
        _h.Write("d.csv", "x\n1\n");
        var task = _h.Start();
        Assert.Single(await _h.DrainAsync(task));
        task.Stop();
        Assert.False(System.IO.File.Exists(Path.Combine(_h.Input, "d.csv")));

        _h.Props["cleanup.policy"] = "NONE";
        _h.Write("n.csv", "x\n1\n");
        var none = _h.Start();
        Assert.Single(await _h.DrainAsync(none));
        Assert.Empty(await _h.DrainAsync(none));
        none.Stop();
        Assert.True(System.IO.File.Exists(Path.Combine(_h.Input, "n.csv")));

        // After a restart the committed "eof" offset says the file is done.
        var restarted = _h.Start();
        Assert.Empty(await _h.DrainAsync(restarted));
        restarted.Stop();
    }

    [Fact]
    public async Task Poll_FileYoungerThanMinimumAge_LeftAlone()
    {
        _h.Props["file.minimum.age.ms"] = "600000";
        var path = _h.Write("young.csv", "x\n1\n");
        System.IO.File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
        var task = _h.Start();

        Assert.Empty(await _h.DrainAsync(task));
        task.Stop();
    }

    [Fact]
    public async Task Poll_BatchSize_LimitsRowsPerPoll()
    {
        _h.Props["batch.size"] = "3";
        _h.Write("many.csv", "x\n" + string.Concat(Enumerable.Range(0, 10).Select(i => i + "\n")));
        var task = _h.Start();

        var batch = await task.PollAsync(CancellationToken.None);

        Assert.Equal(3, batch!.Count);
        task.Stop();
    }
}
