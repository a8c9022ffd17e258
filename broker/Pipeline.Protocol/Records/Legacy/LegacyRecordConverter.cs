using System.Buffers;
using Pipeline.Protocol.Compression;

namespace Pipeline.Protocol.Records.Legacy;

/// <summary>
/// Turns a legacy message set (magic 0 or 1, from Produce v0-v2) into one equivalent v2 batch,
/// which is all the broker stores. As Kafka's LogValidator does when it up-converts:
/// <list type="bullet">
/// <item>Either plain messages, each its own entry, or exactly one compressed wrapper whose
/// value is a compressed inner message set; wrapper and inner messages share one magic, inner
/// messages are uncompressed and each has a valid CRC.</item>
/// <item>Inner offsets (relative in v1, absolute in v0) are ignored: records get deltas 0..n-1
/// and the broker assigns real offsets later.</item>
/// <item>Timestamps: v1 messages keep theirs (a LogAppendTime wrapper's timestamp for its inner
/// messages); v0 has none, so records get -1 (NO_TIMESTAMP) and a LogAppendTime topic later
/// stamps the batch with the append time.</item>
/// <item>The v2 batch uses the wrapper's codec (Kafka re-compresses with the source codec when
/// compression.type is producer), with producer id/epoch/sequence -1.</item>
/// <item>lz4 in magic 0 carries the pre-0.10 wrong frame header checksum; it is repaired before decoding.</item>
/// </list>
/// Reuse one instance per thread; it keeps pooled buffers.
/// </summary>
public sealed class LegacyRecordConverter : IDisposable
{
    private readonly PooledBufferWriter _inner = new();
    private readonly RecordBatchBuilder _builder = new();

    public LegacyConversionResult Convert(ReadOnlySpan<byte> messageSet, IBufferWriter<byte> destination, int maxDecompressedBytes = CompressionCodecs.DefaultMaxDecompressedBytes)
    {
        _builder.Reset();
        sbyte magic = -1;
        var codec = CompressionType.None;
        var position = 0;
        while (position < messageSet.Length)
        {
            var code = LegacyMessage.TryRead(messageSet[position..], out var message, out var error);
            if (code != ErrorCode.None)
            {
                return LegacyConversionResult.Failed(code, error!);
            }

            if (magic < 0)
            {
                magic = message.Magic;
            }
            else if (message.Magic != magic)
            {
                return LegacyConversionResult.Failed(ErrorCode.InvalidRecord, $"Batch magic {message.Magic} is not the same as the first batch's magic byte {magic}");
            }

            if (codec != CompressionType.None || (message.CodecId != 0 && _builder.Count > 0))
            {
                return LegacyConversionResult.Failed(ErrorCode.InvalidRecord, "Compressed outer record has more than one batch");
            }

            if (message.CodecId == 0)
            {
                var failure = Append(message.Timestamp, message);
                if (failure is not null)
                {
                    return LegacyConversionResult.Failed(ErrorCode.InvalidTimestamp, failure);
                }
            }
            else
            {
                var result = AppendWrapper(message, maxDecompressedBytes);
                if (result.Error != ErrorCode.None)
                {
                    return result;
                }

                codec = (CompressionType)message.CodecId;
            }

            position += message.EntrySize;
        }

        if (_builder.Count == 0)
        {
            return LegacyConversionResult.Failed(ErrorCode.InvalidRecord, "legacy message set holds no messages");
        }

        _builder.Compression = codec;
        var size = _builder.Build(destination);
        return new LegacyConversionResult(ErrorCode.None, null, magic, _builder.Count, codec, size);
    }

    public void Dispose()
    {
        _inner.Dispose();
        _builder.Dispose();
    }

    private LegacyConversionResult AppendWrapper(LegacyMessage wrapper, int maxDecompressedBytes)
    {
        if (wrapper.CodecId == (int)CompressionType.Zstd)
        {
            return LegacyConversionResult.Failed(ErrorCode.UnsupportedCompressionType, "ZStandard compression is not supported with message format v0/v1");
        }

        if (wrapper.CodecId > (int)CompressionType.Zstd)
        {
            return LegacyConversionResult.Failed(ErrorCode.CorruptMessage, $"Unknown compression type id: {wrapper.CodecId}");
        }

        if (wrapper.ValueIsNull)
        {
            return LegacyConversionResult.Failed(ErrorCode.CorruptMessage, "compressed wrapper message has a null value");
        }

        _inner.Reset();
        var codec = (CompressionType)wrapper.CodecId;
        try
        {
            if (codec == CompressionType.Lz4)
            {
                Lz4Codec.Decompress(wrapper.Value, _inner, maxDecompressedBytes, legacyHeaderChecksum: wrapper.Magic == 0);
            }
            else
            {
                CompressionCodecs.Decompress(codec, wrapper.Value, _inner, maxDecompressedBytes);
            }
        }
        catch (DecompressionLimitExceededException e)
        {
            return LegacyConversionResult.Failed(ErrorCode.MessageTooLarge, e.Message);
        }
        catch (CompressionException e)
        {
            return LegacyConversionResult.Failed(ErrorCode.CorruptMessage, $"{CompressionCodecs.Name(codec)} wrapper does not decompress: {e.Message}");
        }
        catch (CodecNotAvailableException e)
        {
            return LegacyConversionResult.Failed(ErrorCode.UnknownServerError, e.Message);
        }

        ReadOnlySpan<byte> inner = _inner.WrittenSpan;
        var position = 0;
        while (position < inner.Length)
        {
            var code = LegacyMessage.TryRead(inner[position..], out var message, out var error);
            if (code != ErrorCode.None)
            {
                return LegacyConversionResult.Failed(code, error!);
            }

            if (message.CodecId != 0)
            {
                return LegacyConversionResult.Failed(ErrorCode.InvalidRecord, "Compressed outer record should not have an inner record with a compression attribute set");
            }

            if (message.Magic != wrapper.Magic)
            {
                return LegacyConversionResult.Failed(ErrorCode.InvalidRecord, $"inner message magic {message.Magic} does not match outer magic {wrapper.Magic}");
            }

            var failure = Append(wrapper.IsLogAppendTime ? wrapper.Timestamp : message.Timestamp, message);
            if (failure is not null)
            {
                return LegacyConversionResult.Failed(ErrorCode.InvalidTimestamp, failure);
            }

            position += message.EntrySize;
        }

        return default;
    }

    private string? Append(long timestamp, LegacyMessage message)
    {
        if (timestamp < -1)
        {
            return $"Invalid negative timestamp {timestamp}";
        }

        _builder.Append(timestamp, message.Key, message.KeyIsNull, message.Value, message.ValueIsNull);
        return null;
    }
}
