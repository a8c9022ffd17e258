using Pipeline.Broker.Tests.Fixtures;
using Pipeline.Protocol;
using Pipeline.Testing.Brokers;
using Pipeline.Testing.Kafka;
using Xunit;
using Xunit.Abstractions;

namespace Pipeline.Broker.Tests.Faults;

/// <summary>
/// A write torn by a crash leaves a partial batch at the end of the active segment. On start the
/// broker must cut the log back to the end of the last complete batch (DESIGN: "recovery
/// validates CRCs and truncates a torn tail"), serve everything before it and append after it.
/// </summary>
[Trait("Category", "Integration")]
public sealed class TornTailRecoveryTests(ITestOutputHelper output)
{
    private const string Topic = "torn";
    private const int Batches = 10;
    private const int RecordsPerBatch = 3;

    public enum Shutdown
    {
        Clean,
        Killed,
    }

    [Theory]
    [InlineData(Shutdown.Killed, 1)]
    [InlineData(Shutdown.Killed, 7)]
    [InlineData(Shutdown.Killed, -30)]
    [InlineData(Shutdown.Clean, 7)]
    [InlineData(Shutdown.Clean, -11)]
    public async Task Broker_ActiveSegmentEndsInPartialBatch_TruncatesToLastCompleteBatchAndAppendsAfterIt(Shutdown shutdown, int cut)
    {
        // cut > 0: bytes removed from the end of the last batch; cut < 0: only -cut bytes of the
        // last batch are left (a tear inside its header).
        await using var broker = await BrokerProcess.StartAsync(output: output);
        IReadOnlyList<AckedBatch> acked;
        await using (var client = await broker.ConnectAsync())
        {
            Assert.Equal(ErrorCode.None, await client.CreateTopicAsync(Topic));
            acked = await BatchProducer.ProduceAsync(client, Topic, 0, Batches, RecordsPerBatch);
        }

        if (shutdown == Shutdown.Clean)
        {
            Assert.Equal(0, await broker.StopAsync());
        }
        else
        {
            broker.Kill();
        }

        var segment = SegmentFiles.ActiveLogFile(broker.LogDir, Topic, 0);
        var onDisk = TestRecordBatch.Decode(SegmentFiles.ReadShared(segment));
        Assert.True(onDisk.Count == Batches, $"{segment} holds {onDisk.Count} whole batches, expected {Batches}");
        var last = onDisk[^1];
        var keep = cut > 0 ? last.TotalSize - cut : -cut;
        SegmentFiles.SetLength(segment, last.Position + keep);

        await broker.RestartAsync();

        await using var after = await broker.ConnectAsync();
        var complete = acked.Take(Batches - 1).ToList();
        var expectedEnd = complete[^1].NextOffset;
        var logEnd = await after.LogEndOffsetAsync(Topic, 0);
        var highWatermark = (await after.FetchAsync(Topic, 0, 0)).HighWatermark;
        Assert.True(logEnd == expectedEnd && highWatermark == expectedEnd, $"after recovery ListOffsets(latest) is {logEnd} and the fetch high watermark {highWatermark}; both should be {expectedEnd} (end of the last whole batch)\n{broker.Output}");
        Assert.Equal(BatchProducer.Flatten(complete).Select(e => e.Record.WithPosition(e.Offset, 0)), await after.FetchAllAsync(Topic, 0), OffsetAndContent.Instance);

        var appended = await after.ProduceAsync(Topic, 0, TestRecord.Of("new", "after recovery"));
        Assert.Equal(0, appended.ErrorCode);
        Assert.Equal(expectedEnd, appended.BaseOffset);
        var all = await after.FetchAllAsync(Topic, 0);
        Assert.Equal(expectedEnd + 1, all.Count);
        Assert.Equal(TestRecord.Of("new", "after recovery"), all[^1]);
        Assert.Equal(expectedEnd, all[^1].Offset);
    }
}
