using System.Runtime.CompilerServices;
using Pipeline.Broker.Controller;
using Pipeline.Protocol;
using Pipeline.Protocol.Compression;
using Pipeline.Protocol.Records;
using Pipeline.Storage.Config;
using Pipeline.Storage.Log;

namespace Pipeline.Broker.Partitions;

/// <summary>
/// The produce path for one partition's batch, as Kafka's LogValidator: validate (CRC, structure,
/// records, timestamps, keys on compacted topics), convert legacy message sets, enforce
/// <c>max.message.bytes</c>, re-encode when the topic's <c>compression.type</c> differs, stamp
/// LogAppendTime, then append. Bytes stay bytes: an uncompressed v2 batch is checked in place and
/// written as received, without allocating.
/// <para>
/// The validator, recompressor and scratch writer hold pooled buffers; each thread has its own
/// and uses it only between the start and the end of <see cref="Append"/> (no await inside).
/// </para>
/// </summary>
public sealed class BatchAppender
{
    [ThreadStatic]
    private static Scratch? t_scratch;

    private readonly TimeProvider _time;
    private readonly ConditionalWeakTable<LogConfig, RecordValidationOptions> _options = new();

    public BatchAppender(TimeProvider time)
    {
        _time = time;
    }

    private sealed class Scratch
    {
        public readonly RecordBatchValidator Validator = new();
        public readonly RecordBatchRecompressor Recompressor = new();
        public readonly PooledBufferWriter Recompressed = new();
    }

    public ApiError Append(Partition partition, Memory<byte> records, short produceVersion, out LogAppendInfo info)
    {
        info = default!;
        var config = partition.Log.Config;
        var options = _options.GetValue(config, CreateOptions);
        var scratch = t_scratch ??= new Scratch();
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();

        var result = scratch.Validator.Validate(records.Span, options, produceVersion, now);
        if (!result.IsValid)
        {
            return new ApiError(result.Error, result.ErrorMessage) { RecordErrorIndex = result.RecordErrorIndex };
        }

        var tooLarge = CheckSize(result.BatchSize, config);
        if (tooLarge.IsError)
        {
            return tooLarge;
        }

        var batch = result.IsConverted ? scratch.Validator.ConvertedBatch : records.Span;
        CompressionCodecs.TryParseTopicConfig(config.CompressionType, out var topicCompression);
        if (RecordBatchRecompressor.IsNeeded(result.Compression, topicCompression, result.IsControl))
        {
            scratch.Recompressed.Reset();
            var size = scratch.Recompressor.Recompress(batch, topicCompression!.Value, scratch.Recompressed, LevelFor(topicCompression.Value, config));
            tooLarge = CheckSize(size, config);
            if (tooLarge.IsError)
            {
                return tooLarge;
            }

            batch = scratch.Recompressed.WrittenSpan;
        }

        if (options.TimestampType == TimestampType.LogAppendTime)
        {
            RecordBatchFixups.SetLogAppendTime(batch, now);
        }
        else
        {
            RecordBatchFixups.SetMaxTimestamp(batch, TimestampType.CreateTime, result.MaxTimestamp);
        }

        info = partition.AppendAsLeader(batch);
        if (info.Error != ErrorCode.None)
        {
            return new ApiError(info.Error, info.ErrorMessage ?? $"The append to {partition.TopicPartition} failed ({ErrorCodes.Name(info.Error)}).");
        }

        // A duplicate (a producer's retry) is answered with the stored batch's timestamp, as Kafka does.
        if (options.TimestampType == TimestampType.LogAppendTime && !info.IsDuplicate)
        {
            info = info with { LogAppendTime = now };
        }

        return ApiError.None;
    }

    private static ApiError CheckSize(int size, LogConfig config)
    {
        if (size > config.MaxMessageBytes)
        {
            return new ApiError(ErrorCode.MessageTooLarge,
                $"The batch of {size} bytes is larger than max.message.bytes ({config.MaxMessageBytes}); raise the topic's max.message.bytes or send smaller batches.");
        }

        if (size > config.SegmentBytes)
        {
            return new ApiError(ErrorCode.RecordListTooLarge, $"The batch of {size} bytes is larger than segment.bytes ({config.SegmentBytes}).");
        }

        return ApiError.None;
    }

    private static int LevelFor(CompressionType type, LogConfig config) => type switch
    {
        CompressionType.Gzip => config.CompressionGzipLevel,
        CompressionType.Lz4 => config.CompressionLz4Level,
        CompressionType.Zstd => config.CompressionZstdLevel,
        _ => CompressionCodecs.DefaultLevel,
    };

    private static RecordValidationOptions CreateOptions(LogConfig config) => new()
    {
        Compacted = config.Compact,
        TimestampType = config.IsLogAppendTime ? TimestampType.LogAppendTime : TimestampType.CreateTime,
        TimestampBeforeMaxMs = config.MessageTimestampBeforeMaxMs,
        TimestampAfterMaxMs = config.MessageTimestampAfterMaxMs,
    };
}
