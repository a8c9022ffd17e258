using System.Diagnostics;
using Pipeline.Client.Producer;
using Pipeline.Client.Serialization;

namespace Pipeline.Cli.Tools.Bench;

/// <summary>
/// <c>pipeline bench produce</c> (kafka-producer-perf-test): sends N records of S bytes as fast as
/// the producer takes them (or at --throughput), each with a delivery handler that records the
/// send-to-acknowledgement latency. The clock runs from the first send to the last acknowledgement.
/// </summary>
internal sealed class ProduceBench
{
    private readonly LatencyHistogram _latency = new();
    private long _acknowledged;
    private long _failed;
    private string? _firstError;

    public async Task<BenchResult> RunAsync(IProducer<Null, byte[]> producer, BenchSettings settings, int partitions, ToolConsole console, CancellationToken ct)
    {
        var payload = Payload(settings.RecordSize);
        if (settings.WarmupRecords > 0)
        {
            await Task.Run(() => Send(producer, settings.Topic, payload, settings.WarmupRecords, new Throttle(0), warmup: true, ct), ct).ConfigureAwait(false);
            producer.Flush(ct);
            _acknowledged = 0;
        }

        var start = Stopwatch.GetTimestamp();
        long sent = 0;
        await using (ProgressLine.Start(console, () => BenchReport.Progress("produce", Interlocked.Read(ref _acknowledged), settings.Records,
            Stopwatch.GetElapsedTime(start), settings.RecordSize, $"sent {Interlocked.Read(ref sent):N0}")))
        {
            await Task.Run(() => Send(producer, settings.Topic, payload, settings.Records, new Throttle(settings.Throughput), warmup: false, ct, v => Interlocked.Exchange(ref sent, v)), ct).ConfigureAwait(false);
            await Task.Run(() => producer.Flush(ct), ct).ConfigureAwait(false);
        }

        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        if (_firstError is not null)
        {
            await console.Error.WriteLineAsync($"pipeline bench: {_failed:N0} records failed; first: {_firstError}").ConfigureAwait(false);
        }

        return new BenchResult("produce", settings.Topic, settings.Records, settings.RecordSize, partitions, settings.Acks, settings.Compression,
            Math.Round(seconds, 3), Math.Round(settings.Records / seconds), Math.Round(BenchResult.MegabytesPerSecond(settings.Records, settings.RecordSize, seconds), 2),
            _failed, LatencySummary.From(_latency));
    }

    /// <summary>rdkperf's payload (a..z repeated), so both clients send the same bytes.</summary>
    internal static byte[] Payload(int size)
    {
        var payload = new byte[size];
        for (var i = 0; i < size; i++)
        {
            payload[i] = (byte)('a' + (i % 26));
        }

        return payload;
    }

    private void Send(IProducer<Null, byte[]> producer, string topic, byte[] payload, long count, Throttle throttle, bool warmup, CancellationToken ct, Action<long>? progress = null)
    {
        Action<DeliveryReport<Null, byte[]>> handler = warmup ? OnWarmupDelivery : OnDelivery;
        for (long i = 0; i < count; i++)
        {
            if ((i & 1023) == 0)
            {
                ct.ThrowIfCancellationRequested();
                progress?.Invoke(i);
            }

            producer.Produce(topic, new TimedMessage { Value = payload, SentTimestamp = Stopwatch.GetTimestamp() }, handler);
            throttle.Wait(i + 1);
        }

        progress?.Invoke(count);
    }

    // Delivery handlers run on the producer's I/O loop, one at a time: the histogram has one writer.
    private void OnDelivery(DeliveryReport<Null, byte[]> report)
    {
        _latency.Record((long)Stopwatch.GetElapsedTime(((TimedMessage)report.Message).SentTimestamp).TotalMicroseconds);
        Count(report);
    }

    private void OnWarmupDelivery(DeliveryReport<Null, byte[]> report) => Count(report);

    private void Count(DeliveryReport<Null, byte[]> report)
    {
        if (report.Error.IsError)
        {
            _firstError ??= ToolRunner.Describe(report.Error);
            Interlocked.Increment(ref _failed);
        }
        else
        {
            Interlocked.Increment(ref _acknowledged);
        }
    }
}
