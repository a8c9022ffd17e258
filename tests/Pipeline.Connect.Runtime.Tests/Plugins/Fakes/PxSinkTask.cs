using Pipeline.Connect.Api.Sink;

namespace Pipeline.Connect.Runtime.Tests.Plugins.Fakes;

public sealed class PxSinkTask : SinkTask
{
    public override string Version => "2.1.0";

    public override void Start(IReadOnlyDictionary<string, string> props)
    {
    }

    public override ValueTask PutAsync(IReadOnlyList<SinkRecord> records, CancellationToken cancellationToken) => default;

    public override void Stop()
    {
    }
}
