using System.Text;
using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Sink;

namespace Pipeline.Connectors.File.Tests.Csv;

/// <summary>Rows read by the source and handed to the sink come out identical (the benchmark's shape, small).</summary>
public sealed class CsvRoundTripTests : IDisposable
{
    private readonly CsvSourceHarness _source = new();
    private readonly CsvSinkHarness _sink = new();

    public void Dispose()
    {
        _source.Dispose();
        _sink.Dispose();
    }

    [Fact]
    public async Task SourceThenSink_GeneratedSchema_SameContent()
    {
        var sb = new StringBuilder("id,name,note,amount\n");
        for (var i = 0; i < 2500; i++)
        {
            sb.Append(i).Append(",name ").Append(i).Append(',')
                .Append(i % 7 == 0 ? "\"with, comma\"" : i % 11 == 0 ? "\"multi\nline \"\"quoted\"\"\"" : i % 5 == 0 ? "" : "plain")
                .Append(',').Append(i * 1.25).Append('\n');
        }

        var input = sb.ToString();
        _source.Props["batch.size"] = "700";
        _source.Write("data.csv", input);
        _sink.Props["rotate.row.count"] = "0";
        var source = _source.Start();
        var sink = _sink.Start();

        var records = await _source.DrainAsync(source);
        long offset = 0;
        var sinkRecords = records.Select(r => new SinkRecord("t", 0, r.KeySchema, r.Key, r.ValueSchema, r.Value, offset++)).ToList();
        await sink.PutAsync(sinkRecords, CancellationToken.None);
        var committed = await sink.PreCommitAsync(new Dictionary<TopicPartition, long> { [CsvSinkHarness.P0] = offset }, CancellationToken.None);
        sink.Stop();
        source.Stop();

        Assert.Equal(0, committed[CsvSinkHarness.P0]); // the file was still open at the commit
        Assert.Equal(input, _sink.Read(_sink.Finished().Single()));
    }
}
