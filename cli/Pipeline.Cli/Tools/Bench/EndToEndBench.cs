using System.Buffers.Binary;
using System.Diagnostics;
using Pipeline.Client;
using Pipeline.Client.Consumer;
using Pipeline.Client.Producer;
using Pipeline.Client.Serialization;
using Pipeline.Protocol;

namespace Pipeline.Cli.Tools.Bench;

/// <summary>
/// <c>pipeline bench e2e</c> (Kafka's EndToEndLatency, at a rate): a producer sends records that
/// carry their send time (the first 8 bytes of the value, a Stopwatch timestamp) at --throughput
/// records/s, and a consumer in the same process, positioned at the log end beforehand, records
/// the time from send to receipt. The latency includes the producer's linger, the broker's
/// acks=all flush and the consumer's fetch wait.
/// </summary>
internal sealed class EndToEndBench
{
    private static readonly TimeSpan IdleLimit = TimeSpan.FromSeconds(30);

    public async Task<BenchResult> RunAsync(IProducer<Null, byte[]> producer, IConsumer<Ignore, byte[]?> consumer, BenchSettings settings, int partitions, ToolConsole console, CancellationToken ct)
    {
        if (settings.RecordSize < sizeof(long))
        {
            throw ToolException.Usage("--record-size must be at least 8 for e2e (the send time rides in the value)");
        }

        var assigned = Enumerable.Range(0, partitions).Select(p => new TopicPartition(settings.Topic, p)).ToList();
        consumer.Assign(assigned.Select(tp => new TopicPartitionOffset(tp, Offset.End)));
        await WaitForPositionsAsync(consumer, assigned, ct).ConfigureAwait(false);

        // Metadata first, so that every measured send is appended at once.
        await producer.ProduceAsync(settings.Topic, new Message<Null, byte[]> { Value = new byte[settings.RecordSize] }, ct).ConfigureAwait(false);

        var latency = new LatencyHistogram();
        var payload = ProduceBench.Payload(settings.RecordSize);
        long received = 0;
        var start = Stopwatch.GetTimestamp();
        await using (ProgressLine.Start(console, () => BenchReport.Progress("e2e", Interlocked.Read(ref received), settings.Records,
            Stopwatch.GetElapsedTime(start), settings.RecordSize, $"p50 {latency.Percentile(50) / 1000.0:F2} ms")))
        {
            var receiving = Task.Factory.StartNew(() => Receive(consumer, settings.Records, latency, ref received, ct), ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            var sending = Task.Factory.StartNew(() =>
            {
                var throttle = new Throttle(settings.Throughput);
                for (long i = 0; i < settings.Records && !receiving.IsCompleted; i++)
                {
                    ct.ThrowIfCancellationRequested();
                    // A fresh array per record: the value is written into the batch at the send, but it is cheap insurance.
                    var value = (byte[])payload.Clone();
                    BinaryPrimitives.WriteInt64LittleEndian(value, Stopwatch.GetTimestamp());
                    producer.Produce(settings.Topic, new Message<Null, byte[]> { Value = value });
                    throttle.Wait(i + 1);
                }

                producer.Flush(ct);
            }, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            await Task.WhenAll(sending, receiving).ConfigureAwait(false);
        }

        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return new BenchResult("e2e", settings.Topic, received, settings.RecordSize, partitions, settings.Acks, settings.Compression, Math.Round(seconds, 3),
            Math.Round(received / seconds), Math.Round(BenchResult.MegabytesPerSecond(received, settings.RecordSize, seconds), 2), settings.Records - received,
            LatencySummary.From(latency));
    }

    private static void Receive(IConsumer<Ignore, byte[]?> consumer, long records, LatencyHistogram latency, ref long received, CancellationToken ct)
    {
        var idle = Stopwatch.StartNew();
        while (Interlocked.Read(ref received) < records)
        {
            ct.ThrowIfCancellationRequested();
            var r = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (r?.Message?.Value is not { Length: >= sizeof(long) } value)
            {
                if (idle.Elapsed > IdleLimit)
                {
                    throw new ToolException($"only {received:N0} of {records:N0} records came back (nothing for {IdleLimit.TotalSeconds:0} s)");
                }

                continue;
            }

            idle.Restart();
            var sent = BinaryPrimitives.ReadInt64LittleEndian(value);
            if (sent == 0)
            {
                continue; // the metadata warm-up record
            }

            latency.Record((long)Stopwatch.GetElapsedTime(sent).TotalMicroseconds);
            Interlocked.Increment(ref received);
        }
    }

    /// <summary>Consumes (nothing arrives yet) until the consumer knows where the log end is for every partition.</summary>
    private static async Task WaitForPositionsAsync(IConsumer<Ignore, byte[]?> consumer, IReadOnlyList<TopicPartition> partitions, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (partitions.Any(tp => consumer.Position(tp) < 0))
        {
            if (deadline.Elapsed > IdleLimit)
            {
                throw new ToolException("the consumer could not find the end of the topic's partitions");
            }

            await Task.Run(() => consumer.Consume(TimeSpan.FromMilliseconds(50)), ct).ConfigureAwait(false);
        }
    }
}
