using Pipeline.Cli.Tools.Output;
using Pipeline.Client;
using Pipeline.Client.Producer;
using Pipeline.Protocol;

namespace Pipeline.Cli.Tools.Produce;

/// <summary>
/// <c>pipeline produce</c> (kafka-console-producer): one record per input line, sent
/// asynchronously (or one at a time with <c>--sync</c>); at the end of the input everything is
/// flushed, a summary line goes to stderr (and a JSON summary to stdout with --output json). A
/// delivery failure is printed when it happens and makes the exit code 1.
/// </summary>
internal sealed class ProduceTool
{
    private const int MaxPrintedFailures = 10;

    private readonly ToolConsole _console;
    private readonly object _errorLock = new();
    private long _delivered;
    private long _failed;
    private string? _firstError;

    public ProduceTool(ToolConsole console) => _console = console;

    public async Task<int> RunAsync(IProducer<byte[]?, byte[]?> producer, TextReader input, string topic, int? partition, LineParser parser, bool sync, OutputFormat format, CancellationToken ct)
    {
        long lineNumber = 0;
        long sent = 0;
        ToolException? lineError = null;
        try
        {
            while (await input.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
            {
                lineNumber++;
                var record = parser.Parse(line, lineNumber);
                var message = new Message<byte[]?, byte[]?> { Key = record.Key, Value = record.Value, Headers = record.Headers };
                if (sync)
                {
                    await SendSyncAsync(producer, topic, partition, message, ct).ConfigureAwait(false);
                }
                else if (partition is { } p)
                {
                    producer.Produce(new TopicPartition(topic, p), message, OnDelivery);
                }
                else
                {
                    producer.Produce(topic, message, OnDelivery);
                }

                sent++;
            }
        }
        catch (ToolException e)
        {
            // A bad line stops the input; what was sent before it is still delivered.
            lineError = e;
        }
        finally
        {
            await Task.Run(() => producer.Flush(CancellationToken.None), CancellationToken.None).ConfigureAwait(false);
        }

        var failed = Interlocked.Read(ref _failed);
        var summary = new ProduceSummary(topic, sent - failed, failed, _firstError);
        if (format == OutputFormat.Json)
        {
            JsonOutput.Write(_console.Out, summary);
        }

        await _console.Error.WriteLineAsync(failed == 0
            ? $"pipeline produce: {Plural(summary.RecordsSent, "record")} written to {topic}"
            : $"pipeline produce: {Plural(summary.RecordsSent, "record")} written to {topic}, {failed} failed (first: {_firstError})").ConfigureAwait(false);
        if (lineError is not null)
        {
            throw lineError;
        }

        return failed == 0 ? ExitCodes.Ok : ExitCodes.Error;
    }

    internal static string Plural(long count, string noun) =>
        count == 1 ? $"1 {noun}" : $"{count.ToString(System.Globalization.CultureInfo.InvariantCulture)} {noun}s";

    private async Task SendSyncAsync(IProducer<byte[]?, byte[]?> producer, string topic, int? partition, Message<byte[]?, byte[]?> message, CancellationToken ct)
    {
        try
        {
            _ = partition is { } p
                ? await producer.ProduceAsync(new TopicPartition(topic, p), message, ct).ConfigureAwait(false)
                : await producer.ProduceAsync(topic, message, ct).ConfigureAwait(false);
            Interlocked.Increment(ref _delivered);
        }
        catch (ProduceException<byte[]?, byte[]?> e)
        {
            Fail(e.Error);
        }
    }

    /// <summary>Runs on the producer's I/O loop: count, and print a failure at once.</summary>
    private void OnDelivery(DeliveryReport<byte[]?, byte[]?> report)
    {
        if (report.Error.IsError)
        {
            Fail(report.Error);
        }
        else
        {
            Interlocked.Increment(ref _delivered);
        }
    }

    private void Fail(KafkaError error)
    {
        var count = Interlocked.Increment(ref _failed);
        var text = ToolRunner.Describe(error);
        lock (_errorLock)
        {
            _firstError ??= text;
            if (count <= MaxPrintedFailures)
            {
                _console.Error.WriteLine(count < MaxPrintedFailures
                    ? $"pipeline produce: a record was not written: {text}"
                    : $"pipeline produce: a record was not written: {text} (further failures are only counted)");
            }
        }
    }
}
