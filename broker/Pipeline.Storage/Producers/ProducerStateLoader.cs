using Microsoft.Extensions.Logging;
using Pipeline.Protocol.Records;
using Pipeline.Storage.IO;
using Pipeline.Storage.Log;

namespace Pipeline.Storage.Producers;

/// <summary>
/// Brings producer state in line with the log (Kafka's rebuildProducerState): the latest usable
/// snapshot at or below the log end, completed by replaying the batch headers after it; then a
/// snapshot at the log end so the next start has nothing to replay.
/// Threads: log loading (before the log is shared) or the log's append lock (truncation).
/// </summary>
internal static class ProducerStateLoader
{
    public static void Rebuild(ProducerStateManager state, IReadOnlyList<LogSegment> segments, long logStartOffset, long logEndOffset, bool cleanShutdown, long nowMs, ILogger logger, string name)
    {
        var bases = new long[segments.Count];
        for (var i = 0; i < bases.Length; i++)
        {
            bases[i] = segments[i].BaseOffset;
        }

        state.RemoveStraySnapshots(bases);
        if (cleanShutdown && state.LatestSnapshotOffset is null)
        {
            // A log shut down cleanly that never had a snapshot was written before producer state
            // existed (a clean shutdown always leaves one now). As Kafka does for that upgrade
            // case, start empty at the log end instead of scanning every segment.
            state.TruncateFullyAndStartAt(logEndOffset);
            state.TakeSnapshot(sync: true);
            return;
        }

        state.TruncateAndReload(logStartOffset, logEndOffset, nowMs);
        var from = Math.Max(state.MapEndOffset, logStartOffset);
        if (from < logEndOffset)
        {
            Replay(state, segments, from, logEndOffset, logger, name);
            ProducerStateLog.StateRebuilt(logger, name, from, logEndOffset, state.ProducerCount);
        }

        state.UpdateMapEndOffset(logEndOffset);
        state.TakeSnapshot(sync: true);
    }

    /// <summary>After a truncation (under the log's lock): as <see cref="Rebuild"/>, logging an I/O error instead of throwing it.</summary>
    public static void RebuildAfterTruncation(ProducerStateManager state, IReadOnlyList<LogSegment> segments, long logStartOffset, long logEndOffset, long nowMs, ILogger logger, string name)
    {
        try
        {
            Rebuild(state, segments, logStartOffset, logEndOffset, cleanShutdown: false, nowMs, logger, name);
        }
        catch (IOException ex)
        {
            ProducerStateLog.SnapshotWriteFailed(logger, name, ex);
        }
    }

    /// <summary>Applies every batch holding offsets in [<paramref name="from"/>, <paramref name="to"/>) to <paramref name="state"/>.</summary>
    public static void Replay(ProducerStateManager state, IReadOnlyList<LogSegment> segments, long from, long to, ILogger logger, string name)
    {
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            if (segment.NextOffset <= from || segment.BaseOffset >= to)
            {
                continue;
            }

            var start = from > segment.BaseOffset ? segment.OffsetIndex.Lookup(from).Position : 0;
            var scanner = new BatchScanner(segment.Log, start, segment.Size, segment.BaseOffset, segment.BaseOffset, checkCrc: false);
            try
            {
                BatchCheck check;
                while ((check = scanner.Next(out var batch, out _)) == BatchCheck.Valid)
                {
                    var h = new RecordBatchHeader(batch);
                    if (h.BaseOffset >= to)
                    {
                        return;
                    }

                    if (h.LastOffset >= from)
                    {
                        state.ApplyBatch(batch);
                    }
                }

                if (check != BatchCheck.End)
                {
                    ProducerStateLog.ReplayStopped(logger, name, scanner.NextOffset, scanner.FailureReason ?? "invalid batch");
                    return;
                }
            }
            finally
            {
                scanner.Dispose();
            }
        }
    }
}
