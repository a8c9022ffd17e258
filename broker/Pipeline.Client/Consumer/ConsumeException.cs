using Pipeline.Protocol;

namespace Pipeline.Client.Consumer;

/// <summary>
/// A record could not be handed out (its key or value did not deserialize, or its batch is
/// corrupt). As in Confluent.Kafka, the consumer has moved past it: the next Consume returns the
/// following record. <see cref="Record"/> holds its raw bytes when they could be read.
/// </summary>
public sealed class ConsumeException : KafkaException
{
    public ConsumeException(ConsumeResult<byte[]?, byte[]?> record, ErrorCode code, string message, Exception? innerException = null)
        : base(code, message, innerException)
    {
        Record = record;
    }

    public ConsumeResult<byte[]?, byte[]?> Record { get; }

    public TopicPartitionOffset TopicPartitionOffset => Record.TopicPartitionOffset;
}
