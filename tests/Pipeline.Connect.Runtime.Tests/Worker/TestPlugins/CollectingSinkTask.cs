using Pipeline.Connect.Api.Errors;
using Pipeline.Connect.Api.Sink;

namespace Pipeline.Connect.Runtime.Tests.Worker.TestPlugins;

/// <summary>Collects records; fails or asks for a retry as its <see cref="TestControl"/> says.</summary>
public sealed class CollectingSinkTask : SinkTask
{
    private TestControl _control = TestControl.For("");

    public override string Version => "1.0";

    public override void Start(IReadOnlyDictionary<string, string> props) => _control = TestControl.For(props.GetValueOrDefault("test.id", ""));

    public override async ValueTask PutAsync(IReadOnlyList<SinkRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return;
        }

        Interlocked.Increment(ref _control.Puts);
        if (_control.FailPut)
        {
            throw new InvalidOperationException("put failed on purpose");
        }

        if (Interlocked.Decrement(ref _control.RetriablePuts) >= 0)
        {
            Context.Timeout(100);
            throw new RetriableException("try again");
        }

        foreach (var record in records)
        {
            if (_control.ErrantValue is { } errant && Equals(record.Value, errant))
            {
                await Context.ErrantRecordReporter!.ReportAsync(record, new FormatException("cannot write " + errant));
                continue;
            }

            _control.Received.Enqueue(record);
        }
    }

    public override void Open(IReadOnlyCollection<Api.TopicPartition> partitions) => _control.Events.Enqueue("open:" + string.Join(",", partitions));

    public override void Close(IReadOnlyCollection<Api.TopicPartition> partitions) => _control.Events.Enqueue("close:" + string.Join(",", partitions));

    public override void Stop() => _control.Events.Enqueue("stop");
}
