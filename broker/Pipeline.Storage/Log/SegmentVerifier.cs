using Microsoft.Extensions.Logging;
using Pipeline.Storage.IO;

namespace Pipeline.Storage.Log;

/// <summary>
/// Guarantees a segment never serves bytes that were not checked. Bytes before
/// <see cref="TrustedFrom"/> came from disk (a previous run) and are verified lazily, batch by
/// batch from the segment start (structure, increasing offsets, CRC-32C), the first time a read
/// reaches them; <see cref="VerifiedUpTo"/> is the end of the verified prefix. Bytes at or after
/// TrustedFrom were appended by this process after the broker validated them, or were scanned by
/// recovery, and need no check. A corrupt batch stops verification for good: reads of it or of
/// anything after it (below TrustedFrom) are refused, and it is logged once.
/// Threads: any reader; verification itself is serialized by a lock.
/// </summary>
internal sealed class SegmentVerifier
{
    // Verify ahead of the requested position so that sequential readers take the lock rarely.
    private const long ReadAheadBytes = 1 << 20;

    private readonly Lock _lock = new();
    private readonly ILogger _logger;
    private long _verifiedUpTo;
    private long _trustedFrom;
    private long _corruptAt = -1;
    private long _nextOffset;

    public SegmentVerifier(ILogger logger, long baseOffset, long trustedFrom)
    {
        _logger = logger;
        _nextOffset = baseOffset;
        _trustedFrom = trustedFrom;
    }

    public long VerifiedUpTo => Volatile.Read(ref _verifiedUpTo);

    public long TrustedFrom => Volatile.Read(ref _trustedFrom);

    /// <summary>Position of the first corrupt batch found, or -1.</summary>
    public long CorruptAt => Volatile.Read(ref _corruptAt);

    /// <summary>True when the batch starting at <paramref name="position"/> may be served, verifying it first if needed.</summary>
    public bool EnsureVerified(FileRecords file, long baseOffset, long position)
    {
        if (position >= TrustedFrom || position < VerifiedUpTo)
        {
            return true;
        }

        var corrupt = CorruptAt;
        if (corrupt >= 0 && position >= corrupt)
        {
            return false;
        }

        lock (_lock)
        {
            if (position >= _verifiedUpTo && _corruptAt < 0)
            {
                VerifyForward(file, baseOffset, position);
            }

            return position < _verifiedUpTo || position >= _trustedFrom;
        }
    }

    /// <summary>Recovery or a rebuild scanned [0, <paramref name="validEnd"/>); a corrupt batch may sit there.</summary>
    public void MarkScanned(long validEnd, long nextOffset, long corruptAt, long trustedFrom)
    {
        lock (_lock)
        {
            _verifiedUpTo = validEnd;
            _nextOffset = nextOffset;
            _corruptAt = corruptAt;
            Volatile.Write(ref _trustedFrom, corruptAt >= 0 ? trustedFrom : Math.Max(trustedFrom, validEnd));
        }
    }

    /// <summary>The file was cut at <paramref name="position"/> (a batch boundary).</summary>
    public void Truncated(long position, long baseOffset)
    {
        lock (_lock)
        {
            if (_verifiedUpTo > position)
            {
                // Verification restarts from the segment start; cheap compared to tracking offsets.
                _verifiedUpTo = 0;
                _nextOffset = baseOffset;
            }

            if (_corruptAt >= position)
            {
                _corruptAt = -1;
            }

            Volatile.Write(ref _trustedFrom, Math.Min(_trustedFrom, position));
        }
    }

    private void VerifyForward(FileRecords file, long baseOffset, long position)
    {
        var target = Math.Min(_trustedFrom, Math.Max(position + 1, _verifiedUpTo + ReadAheadBytes));
        var scanner = new BatchScanner(file, _verifiedUpTo, _trustedFrom, baseOffset, _nextOffset, checkCrc: true);
        try
        {
            while (scanner.Position < target)
            {
                var check = scanner.Next(out _, out _);
                if (check == BatchCheck.Valid)
                {
                    continue;
                }

                if (check != BatchCheck.End)
                {
                    _corruptAt = scanner.Position;
                    StorageLog.CorruptBatchFound(_logger, file.Path, scanner.Position, scanner.FailureReason ?? "invalid batch");
                }

                break;
            }

            _nextOffset = scanner.NextOffset;
            Volatile.Write(ref _verifiedUpTo, scanner.Position);
        }
        finally
        {
            scanner.Dispose();
        }
    }
}
