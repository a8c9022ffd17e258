using Pipeline.Protocol;

namespace Pipeline.Client.Producer;

/// <summary>
/// A Kafka producer (shaped like Confluent.Kafka's). Records are batched per partition and sent by
/// a background loop; <see cref="ProduceAsync(string, Message{TKey, TValue}, CancellationToken)"/>
/// completes when the broker acknowledged the record, <see cref="Produce(string, Message{TKey, TValue}, Action{DeliveryReport{TKey, TValue}}?)"/>
/// returns at once and reports through its handler. Thread-safe.
/// </summary>
public interface IProducer<TKey, TValue> : IDisposable
{
    /// <summary>The client.id.</summary>
    string Name { get; }

    /// <summary>
    /// Sends a record to the partition chosen by the partitioner. Throws
    /// <see cref="ProduceException{TKey, TValue}"/> when it could not be written. Waits (up to
    /// max.block.ms) for the topic's metadata and for buffer memory before the record is queued.
    /// </summary>
    Task<DeliveryResult<TKey, TValue>> ProduceAsync(string topic, Message<TKey, TValue> message, CancellationToken cancellationToken = default);

    /// <summary>Sends a record to the given partition.</summary>
    Task<DeliveryResult<TKey, TValue>> ProduceAsync(TopicPartition topicPartition, Message<TKey, TValue> message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Queues a record and returns; <paramref name="deliveryHandler"/> (if any) is called on the
    /// producer's I/O loop once it is written or has failed. Without a handler this allocates nothing.
    /// </summary>
    void Produce(string topic, Message<TKey, TValue> message, Action<DeliveryReport<TKey, TValue>>? deliveryHandler = null);

    void Produce(TopicPartition topicPartition, Message<TKey, TValue> message, Action<DeliveryReport<TKey, TValue>>? deliveryHandler = null);

    /// <summary>Sends everything queued without lingering and waits; returns how many records are still not done.</summary>
    int Flush(TimeSpan timeout);

    /// <summary>Sends everything queued and waits until every record is done.</summary>
    void Flush(CancellationToken cancellationToken = default);

    /// <summary>
    /// Stops accepting records, sends what is queued and waits up to <paramref name="timeout"/>
    /// for it (then fails the rest). <see cref="IDisposable.Dispose"/> is Close with no limit
    /// (delivery.timeout.ms still bounds it).
    /// </summary>
    void Close(TimeSpan timeout);
}
