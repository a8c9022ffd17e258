using Pipeline.Broker.Partitions;
using Pipeline.Protocol;

namespace Pipeline.Broker.Coordinators.Runtime;

/// <summary>
/// A local partition (leader) of an internal topic as a coordinator's log: appends go through
/// <see cref="Partition.AppendAsLeader"/> (which stamps the leader epoch, moves the high watermark
/// and wakes fetches), flushes use the log's group-commit fsync.
/// </summary>
public sealed class PartitionCoordinatorLog : ICoordinatorLog
{
    private readonly Partition _partition;

    public PartitionCoordinatorLog(Partition partition)
    {
        _partition = partition;
    }

    public string Name => _partition.TopicPartition.ToString();

    public long LogStartOffset => _partition.Log.LogStartOffset;

    public long LogEndOffset => _partition.Log.LogEndOffset;

    public CoordinatorAppendResult Append(Span<byte> batch)
    {
        var info = _partition.AppendAsLeader(batch);
        return info.Error == ErrorCode.None
            ? new CoordinatorAppendResult(ErrorCode.None, info.FirstOffset, info.LastOffset)
            : CoordinatorAppendResult.Failed(info.Error);
    }

    public ValueTask FlushAsync(long upToOffset) => _partition.Log.FlushAsync(upToOffset);

    public ReadOnlyMemory<byte> Read(long offset, int maxBytes)
    {
        var log = _partition.Log;
        var data = log.Read(offset, maxBytes, log.LogEndOffset, minOneBatch: true);
        if (data.Error != ErrorCode.None)
        {
            throw new CoordinatorException(data.Error, $"Reading {Name} at offset {offset} failed ({ErrorCodes.Name(data.Error)}).");
        }

        var region = data.Records;
        if (region is null)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        try
        {
            var bytes = new byte[region.Length];
            var done = 0;
            while (done < bytes.Length)
            {
                var n = RandomAccess.Read(region.Handle, bytes.AsSpan(done), region.Position + done);
                if (n == 0)
                {
                    throw new IOException($"{Name}: the segment ended inside a batch at offset {offset}");
                }

                done += n;
            }

            return bytes;
        }
        finally
        {
            region.Release();
        }
    }
}
