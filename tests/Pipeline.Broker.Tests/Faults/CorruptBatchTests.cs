using Pipeline.Broker.Tests.Fixtures;
using Pipeline.Protocol;
using Pipeline.Testing.Brokers;
using Pipeline.Testing.Kafka;
using Xunit;
using Xunit.Abstractions;

namespace Pipeline.Broker.Tests.Faults;

/// <summary>
/// A stored batch whose bytes changed on disk (bit rot, a bad write) must never reach a client
/// (DESIGN: "it never serves corrupt data"). A consumer reads the batches before it, then gets an
/// error at the corrupt batch; the broker keeps running and serving everything else.
/// </summary>
[Trait("Category", "Integration")]
public sealed class CorruptBatchTests(ITestOutputHelper output)
{
    private const string Topic = "rot";
    private const int CorruptBatch = 2;
    private const int RecordsPerBatch = 4;

    [Theory]
    [InlineData("active segment", null)]
    [InlineData("older segment", "700")]
    public async Task Fetch_BatchWithFlippedByteOnDisk_ServesBatchesBeforeItThenAnErrorNeverTheBytes(string where, string? segmentBytes)
    {
        await using var broker = await BrokerProcess.StartAsync(output: output);
        IReadOnlyList<AckedBatch> acked;
        await using (var client = await broker.ConnectAsync())
        {
            var configs = segmentBytes is null ? null : new Dictionary<string, string> { ["segment.bytes"] = segmentBytes };
            Assert.Equal(ErrorCode.None, await client.CreateTopicAsync(Topic, configs: configs));
            acked = await BatchProducer.ProduceAsync(client, Topic, 0, 5, RecordsPerBatch);
        }

        Assert.Equal(0, await broker.StopAsync());
        var corruptOffset = acked[CorruptBatch].BaseOffset;
        var (file, batch) = FindBatch(broker.LogDir, corruptOffset);
        var segments = SegmentFiles.LogFiles(broker.LogDir, Topic, 0);
        Assert.True(where == "active segment" ? file == segments[^1] : file != segments[^1], $"the batch at {corruptOffset} is in {file}; segments: {string.Join(", ", segments)}");
        SegmentFiles.FlipByte(file, batch.Position + TestRecordBatch.HeaderSize + ((batch.TotalSize - TestRecordBatch.HeaderSize) / 2));

        await broker.RestartAsync();

        await using var consumer = await broker.ConnectAsync();
        var read = new List<TestRecord>();
        var next = 0L;
        ErrorCode? error = null;
        long highWatermark = -1;
        while (true)
        {
            var data = await consumer.FetchAsync(Topic, 0, next);
            highWatermark = data.HighWatermark;
            if (data.ErrorCode != 0)
            {
                error = (ErrorCode)data.ErrorCode;
                break;
            }

            var batches = TestRecordBatch.Decode(data.Records.Memory.Span);
            foreach (var b in batches)
            {
                Assert.True(b.CrcValid, $"fetch at {next} returned the batch at offset {b.BaseOffset} with a bad CRC: corrupt bytes reached the client\n{broker.Output}");
                read.AddRange(b.Records!.Where(r => r.Offset >= next));
                next = Math.Max(next, b.NextOffset);
            }

            if (batches.Count == 0 || next >= data.HighWatermark)
            {
                break;
            }
        }

        var before = BatchProducer.Flatten(acked.Take(CorruptBatch)).Select(e => e.Record.WithPosition(e.Offset, 0)).ToList();
        Assert.Equal(before, read.Where(r => r.Offset < corruptOffset), OffsetAndContent.Instance);
        Assert.DoesNotContain(read, r => r.Offset >= corruptOffset && r.Offset < acked[CorruptBatch].NextOffset);
        if (error is null)
        {
            var hint = highWatermark == corruptOffset
                ? $"the broker truncated the log at the corrupt batch (high watermark {highWatermark}), silently dropping {acked[^1].NextOffset - acked[CorruptBatch].NextOffset} intact acknowledged records after it"
                : $"fetch stopped at {next} without an error (high watermark {highWatermark})";
            Assert.Fail($"{where}: a consumer reaching the corrupt batch at {corruptOffset} must get an error; {hint}\n{broker.Output}");
        }

        Assert.Equal(corruptOffset, next);
        Assert.True(broker.IsRunning, $"the broker exited after serving the corrupt partition\n{broker.Output}");
        await ServingCheck.AssertServesAsync(() => broker.ConnectAsync(), () => broker.Output);
    }

    private static (string File, DecodedBatch Batch) FindBatch(string logDir, long baseOffset)
    {
        foreach (var f in SegmentFiles.LogFiles(logDir, Topic, 0))
        {
            foreach (var b in TestRecordBatch.Decode(SegmentFiles.ReadShared(f)))
            {
                if (b.BaseOffset == baseOffset)
                {
                    return (f, b);
                }
            }
        }

        throw new InvalidOperationException($"no batch at offset {baseOffset} under {logDir}");
    }
}
