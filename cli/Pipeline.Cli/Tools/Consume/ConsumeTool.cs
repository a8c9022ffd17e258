using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Pipeline.Cli.Tools.Output;
using Pipeline.Cli.Tools.Topics;
using Pipeline.Client;
using Pipeline.Client.Admin;
using Pipeline.Client.Consumer;
using Pipeline.Protocol;
using Pipeline.Protocol.Records;

namespace Pipeline.Cli.Tools.Consume;

/// <summary>
/// <c>pipeline consume</c> (kafka-console-consumer): prints records until --max-messages, the end
/// of every partition (--exit-at-end), --timeout-ms without a record, or Ctrl-C; then
/// "Processed a total of N messages" on stderr. Output is flushed whenever the consumer has
/// nothing ready, so a person sees records at once and a pipe gets them in big writes.
/// </summary>
internal sealed class ConsumeTool
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly ToolConsole _console;
    private readonly RecordFormat _format;
    private readonly OutputFormat _output;

    public ConsumeTool(ToolConsole console, RecordFormat format, OutputFormat output)
    {
        _console = console;
        _format = format;
        _output = output;
    }

    /// <summary>The topic partitions and start offsets of a consumer without a group.</summary>
    public static async Task<IReadOnlyList<TopicPartitionOffset>> PlanAssignmentAsync(IAdminClient admin, ConsumeStart start, CancellationToken ct)
    {
        var topics = await TopicsAsync(admin, start, ct).ConfigureAwait(false);
        IReadOnlyList<TopicDescription> described;
        try
        {
            described = await admin.DescribeTopicsAsync(topics, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (AdminOperationException<TopicDescription> e)
        {
            var failed = e.Results.First(d => d.Error.IsError);
            throw new ToolException($"cannot read topic {failed.Name}: {ToolRunner.Describe(failed.Error)}");
        }

        var partitions = new List<TopicPartition>();
        foreach (var d in described)
        {
            var all = d.Partitions.Select(p => p.Partition).Order().ToList();
            foreach (var p in start.Partitions.Count > 0 ? start.Partitions : all)
            {
                partitions.Add(all.Contains(p) ? new TopicPartition(d.Name, p)
                    : throw new ToolException($"topic {d.Name} has no partition {p} (it has {all.Count}: 0..{all.Count - 1})"));
            }
        }

        if (start.Timestamp is { } time)
        {
            var found = await TopicDetailsReader.OffsetsAsync(admin, partitions, OffsetSpec.ForTimestamp(time), ct).ConfigureAwait(false);
            return [.. partitions.Select(tp => new TopicPartitionOffset(tp, found.TryGetValue(tp, out var o) && o >= 0 ? o : Offset.End))];
        }

        var offset = start.Offset ?? (start.FromBeginning ? Offset.Beginning : Offset.End);
        return [.. partitions.Select(tp => new TopicPartitionOffset(tp, offset))];
    }

    public async Task<int> RunAsync(IConsumer<byte[]?, byte[]?> consumer, ConsumeStart start, IReadOnlyList<TopicPartitionOffset>? assignment, CancellationToken ct)
    {
        if (assignment is not null)
        {
            consumer.Assign(assignment);
        }
        else if (start.Include is { } pattern)
        {
            consumer.Subscribe(new Regex(pattern, RegexOptions.CultureInvariant));
        }
        else
        {
            consumer.Subscribe(start.Topics);
        }

        long count = 0;
        string? failure = null;
        try
        {
            (count, failure) = await Task.Factory.StartNew(() => Loop(consumer, start, ct), ct, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Ctrl-C is how a console consumer is stopped: not an error.
        }
        finally
        {
            await _console.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            consumer.Close();
        }

        await _console.Error.WriteLineAsync($"Processed a total of {count} messages").ConfigureAwait(false);
        return failure is null ? ExitCodes.Ok : throw new ToolException(failure);
    }

    /// <summary>Runs on its own thread (the consumer is used from one thread at a time): the records printed, and why it stopped if that was an error.</summary>
    private (long Count, string? Failure) Loop(IConsumer<byte[]?, byte[]?> consumer, ConsumeStart start, CancellationToken ct)
    {
        string? failure = null;
        var text = new StringBuilder();
        var atEnd = new HashSet<TopicPartition>();
        var idle = Stopwatch.StartNew();
        long count = 0;
        while (!ct.IsCancellationRequested && (start.MaxMessages <= 0 || count < start.MaxMessages))
        {
            ConsumeResult<byte[]?, byte[]?>? r;
            try
            {
                r = consumer.Consume(PollInterval);
            }
            catch (ConsumeException e)
            {
                var what = $"cannot read the record at {e.TopicPartitionOffset}: {e.Message}";
                if (!start.SkipMessageOnError)
                {
                    failure = what + " (--skip-message-on-error goes past it)";
                    break;
                }

                Flush(text);
                _console.Error.WriteLine($"pipeline consume: skipped: {what}");
                continue;
            }

            if (r is null)
            {
                Flush(text);
                if ((start.IdleTimeout is { } limit && idle.Elapsed >= limit) || (start.ExitAtEnd && CaughtUp(consumer, atEnd)))
                {
                    break;
                }

                continue;
            }

            idle.Restart();
            if (r.IsPartitionEOF)
            {
                atEnd.Add(r.TopicPartition);
                if (start.ExitAtEnd && AllAtEnd(consumer.Assignment, atEnd))
                {
                    break;
                }

                continue;
            }

            atEnd.Remove(r.TopicPartition);
            Write(text, r);
            count++;
            if (text.Length >= 1 << 16)
            {
                Flush(text);
            }
        }

        Flush(text);
        return (count, failure);
    }

    /// <summary>
    /// With nothing to hand out: a partition whose position reached the high watermark the fetcher
    /// saw is at its end too (a partition that starts at its end may never report an EOF result).
    /// </summary>
    private static bool CaughtUp(IConsumer<byte[]?, byte[]?> consumer, HashSet<TopicPartition> atEnd)
    {
        foreach (var tp in consumer.Assignment)
        {
            if (atEnd.Contains(tp))
            {
                continue;
            }

            var position = consumer.Position(tp);
            var high = consumer.GetWatermarkOffsets(tp).High;
            if (position >= 0 && high >= 0 && position >= high)
            {
                atEnd.Add(tp);
            }
        }

        return AllAtEnd(consumer.Assignment, atEnd);
    }

    private static bool AllAtEnd(List<TopicPartition> assigned, HashSet<TopicPartition> atEnd)
    {
        if (assigned.Count == 0)
        {
            return false;
        }

        foreach (var tp in assigned)
        {
            if (!atEnd.Contains(tp))
            {
                return false;
            }
        }

        return true;
    }

    private void Write(StringBuilder text, ConsumeResult<byte[]?, byte[]?> r)
    {
        var m = r.Message!;
        var headers = m.Headers is null ? [] : m.Headers.Select(h => new ConsumedHeader(h.Key, Utf8(h.Value))).ToList();
        var record = new ConsumedRecord(r.Topic, r.Partition, r.Offset, m.Timestamp.UnixTimestampMs,
            m.Timestamp.Type == TimestampType.LogAppendTime ? "LogAppendTime" : "CreateTime", Utf8(m.Key), Utf8(m.Value), headers);
        if (_output == OutputFormat.Json)
        {
            using var line = new StringWriter(text);
            JsonOutput.WriteLine(line, record);
        }
        else
        {
            _format.Append(text, record);
        }
    }

    private void Flush(StringBuilder text)
    {
        if (text.Length == 0)
        {
            return;
        }

        _console.Out.Write(text);
        _console.Out.Flush();
        text.Clear();
    }

    private static string? Utf8(byte[]? bytes) => bytes is null ? null : Encoding.UTF8.GetString(bytes);

    private static async Task<IReadOnlyList<string>> TopicsAsync(IAdminClient admin, ConsumeStart start, CancellationToken ct)
    {
        if (start.Include is not { } pattern)
        {
            return start.Topics;
        }

        var regex = new Regex(pattern, RegexOptions.CultureInvariant);
        var matched = (await admin.ListTopicsAsync(cancellationToken: ct).ConfigureAwait(false)).Select(t => t.Name).Where(n => regex.IsMatch(n)).ToList();
        return matched.Count > 0 ? matched : throw new ToolException($"no topic matches --include '{pattern}'");
    }
}
