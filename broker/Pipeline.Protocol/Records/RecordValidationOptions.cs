using Pipeline.Protocol.Compression;

namespace Pipeline.Protocol.Records;

/// <summary>
/// The topic settings that produce validation depends on. Immutable: build one per topic
/// configuration and keep it (e.g. in the topic's metadata), not one per request.
/// </summary>
public sealed record RecordValidationOptions
{
    public static RecordValidationOptions Default { get; } = new();

    /// <summary>cleanup.policy contains <c>compact</c>: every record needs a non-null key.</summary>
    public bool Compacted { get; init; }

    /// <summary>message.timestamp.type.</summary>
    public TimestampType TimestampType { get; init; } = TimestampType.CreateTime;

    /// <summary>message.timestamp.before.max.ms: how far in the past a CreateTime timestamp may be.</summary>
    public long TimestampBeforeMaxMs { get; init; } = long.MaxValue;

    /// <summary>message.timestamp.after.max.ms: how far in the future a CreateTime timestamp may be.</summary>
    public long TimestampAfterMaxMs { get; init; } = long.MaxValue;

    /// <summary>Cap on the decompressed records of one batch; above it the batch is refused with MESSAGE_TOO_LARGE.</summary>
    public int MaxDecompressedBytes { get; init; } = CompressionCodecs.DefaultMaxDecompressedBytes;
}
