using System.Globalization;
using Pipeline.Connect.Api.Source;

namespace Pipeline.Connect.Runtime.Tests.Worker.TestPlugins;

/// <summary>Emits "{task}-{n}" for n from the committed position to count, five per poll; source partition {"task": i}, offset {"pos": n + 1}.</summary>
public sealed class CountingSourceTask : SourceTask
{
    private string _topic = "";
    private int _count;
    private int _index;
    private long _pos;
    private TestControl _control = TestControl.For("");

    public override string Version => "1.0";

    public override void Start(IReadOnlyDictionary<string, string> props)
    {
        _topic = props["topic"];
        _count = props.TryGetValue("count", out var c) ? int.Parse(c, CultureInfo.InvariantCulture) : 10;
        _index = int.Parse(props["task.index"], CultureInfo.InvariantCulture);
        _control = TestControl.For(props.GetValueOrDefault("test.id", ""));
        var offset = Context.OffsetStorageReader.Offset(Partition);
        _pos = offset?["pos"] is long p ? p : 0;
        _control.Events.Enqueue($"start:{_index}:{_pos}");
    }

    private Dictionary<string, object?> Partition => new() { ["task"] = (long)_index };

    public override async ValueTask<IReadOnlyList<SourceRecord>?> PollAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _control.Polls);
        if (_control.FailPoll)
        {
            throw new InvalidOperationException("poll failed on purpose");
        }

        if (_pos >= _count)
        {
            await Task.Delay(50, cancellationToken);
            return null;
        }

        var records = new List<SourceRecord>();
        for (var i = 0; i < 5 && _pos < _count; i++, _pos++)
        {
            records.Add(new SourceRecord(Partition, new Dictionary<string, object?> { ["pos"] = _pos + 1 }, _topic, null, null, null, Api.Data.Schema.String, $"{_index}-{_pos}"));
        }

        return records;
    }

    public override void Stop() => _control.Events.Enqueue($"stop:{_index}");
}
