using System.Diagnostics;
using Pipeline.Client;
using Pipeline.Client.Consumer;
using Pipeline.Client.Serialization;
using Pipeline.Protocol;

namespace Pipeline.Cli.Tools.Bench;

/// <summary>
/// <c>pipeline bench consume</c> (kafka-consumer-perf-test): reads N records of a topic from the
/// log start with every partition assigned directly (no group), as rdkperf's consume does, and
/// times it from the first record to the last. Stops early, with an error, when every partition
/// is at its end before N records.
/// </summary>
internal sealed class ConsumeBench
{
    private static readonly TimeSpan IdleLimit = TimeSpan.FromSeconds(30);

    public async Task<BenchResult> RunAsync<TValue>(IConsumer<Ignore, TValue> consumer, Func<TValue, int> length, BenchSettings settings, int partitions, ToolConsole console, CancellationToken ct)
    {
        var assigned = Enumerable.Range(0, partitions).Select(p => new TopicPartition(settings.Topic, p)).ToList();
        consumer.Assign(assigned.Select(tp => new TopicPartitionOffset(tp, Offset.Beginning)));
        if (settings.WarmupRecords > 0)
        {
            // JIT and connections: read some records unmeasured, then go back to the log start.
            await Task.Factory.StartNew(() => WarmUp(consumer, settings.WarmupRecords, partitions, ct), ct, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
            consumer.SeekToBeginning(assigned);
        }

        long received = 0;
        long bytes = 0;
        long first = 0;
        long last = 0;
        var atEnd = new HashSet<TopicPartition>();
        await using (ProgressLine.Start(console, () => BenchReport.Progress("consume", Interlocked.Read(ref received), settings.Records,
            first == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(first), settings.RecordSize)))
        {
            await Task.Factory.StartNew(() =>
            {
                var idle = Stopwatch.StartNew();
                while (received < settings.Records)
                {
                    ct.ThrowIfCancellationRequested();
                    var r = consumer.Consume(TimeSpan.FromMilliseconds(100));
                    if (r is null)
                    {
                        if (idle.Elapsed > IdleLimit)
                        {
                            throw new ToolException($"only {received:N0} of {settings.Records:N0} records arrived (nothing for {IdleLimit.TotalSeconds:0} s)");
                        }

                        continue;
                    }

                    idle.Restart();
                    if (r.IsPartitionEOF)
                    {
                        atEnd.Add(r.TopicPartition);
                        if (atEnd.Count == partitions)
                        {
                            throw new ToolException($"the topic ended after {received:N0} of {settings.Records:N0} records: produce more (pipeline bench produce) or ask for fewer (--records)");
                        }

                        continue;
                    }

                    atEnd.Remove(r.TopicPartition);
                    last = Stopwatch.GetTimestamp();
                    if (first == 0)
                    {
                        first = last;
                    }

                    bytes += length(r.Message!.Value);
                    Interlocked.Increment(ref received);
                }
            }, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
        }

        var seconds = Math.Max(Stopwatch.GetElapsedTime(first, last).TotalSeconds, 1e-6);
        var size = (int)(bytes / Math.Max(received, 1));
        return new BenchResult("consume", settings.Topic, received, size, partitions, "-", "-", Math.Round(seconds, 3),
            Math.Round(received / seconds), Math.Round(BenchResult.MegabytesPerSecond(received, size, seconds), 2), 0, null);
    }

    private static void WarmUp<TValue>(IConsumer<Ignore, TValue> consumer, long records, int partitions, CancellationToken ct)
    {
        var atEnd = new HashSet<TopicPartition>();
        var idle = Stopwatch.StartNew();
        for (long read = 0; read < records && atEnd.Count < partitions && idle.Elapsed < IdleLimit;)
        {
            ct.ThrowIfCancellationRequested();
            var r = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (r is null)
            {
                continue;
            }

            idle.Restart();
            if (r.IsPartitionEOF)
            {
                atEnd.Add(r.TopicPartition);
            }
            else
            {
                read++;
            }
        }
    }
}
