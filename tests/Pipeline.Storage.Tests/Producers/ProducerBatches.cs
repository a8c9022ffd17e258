using System.Text;
using Pipeline.Protocol;
using Pipeline.Protocol.Records;
using Pipeline.Storage.Log;
using Pipeline.Testing.Storage;

namespace Pipeline.Storage.Tests.Producers;

/// <summary>Idempotent, transactional and control batches for producer state tests.</summary>
internal static class ProducerBatches
{
    /// <summary>The start of <see cref="Pipeline.Testing.Time.ManualTimeProvider"/>'s clock (2026-01-01): batches are "now", so neither expired nor rolling segments by time.</summary>
    public const long Now = 1_767_225_600_000;

    /// <summary><paramref name="count"/> records from producer <paramref name="producerId"/> starting at <paramref name="sequence"/>.</summary>
    public static byte[] Idempotent(long producerId, short epoch, int sequence, int count = 2, long timestamp = Now, bool transactional = false, string keyPrefix = "k")
    {
        var records = new TestRecord[count];
        for (var i = 0; i < count; i++)
        {
            records[i] = new TestRecord(Encoding.UTF8.GetBytes($"{keyPrefix}{sequence}-{i}"), Encoding.UTF8.GetBytes($"v{i}"), timestamp);
        }

        return TestBatches.Build(records, producerId: producerId, producerEpoch: epoch, baseSequence: sequence, transactional: transactional);
    }

    /// <summary>A COMMIT or ABORT marker batch from a transaction coordinator.</summary>
    public static byte[] Marker(long producerId, short epoch, ControlRecordType type, int coordinatorEpoch, long timestamp = Now)
    {
        var key = new byte[ControlRecord.KeySize];
        ControlRecord.WriteKey(key, type);
        var value = new byte[ControlRecord.EndTransactionMarkerValueSize];
        ControlRecord.WriteEndTransactionMarker(value, coordinatorEpoch);
        return TestBatches.Build(
            [new TestRecord(key, value, timestamp)],
            producerId: producerId,
            producerEpoch: epoch,
            transactional: true,
            extraAttributes: RecordBatchHeader.ControlFlag);
    }

    public static LogAppendInfo AppendOk(this PartitionLog log, byte[] batch, AppendOrigin origin = AppendOrigin.Client)
    {
        var info = log.AppendAsLeader(batch, 0, origin);
        Assert.True(info.Error == ErrorCode.None, $"append failed: {info.Error} {info.ErrorMessage}");
        Assert.False(info.IsDuplicate, "the batch was taken for a duplicate");
        log.UpdateHighWatermark(log.LogEndOffset);
        return info;
    }
}
