using Pipeline.Client;
using Pipeline.Client.Serialization;

namespace Pipeline.Cli.Tools.Bench;

/// <summary>
/// A bench record that remembers when it was handed to the producer, so its delivery report
/// gives the send-to-acknowledgement latency (one small object per record, as Kafka's perf
/// test allocates one callback per record; the payload array is shared).
/// </summary>
internal sealed class TimedMessage : Message<Null, byte[]>
{
    public long SentTimestamp { get; init; }
}
