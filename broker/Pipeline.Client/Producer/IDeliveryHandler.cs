using Pipeline.Protocol.Records;

namespace Pipeline.Client.Producer;

/// <summary>
/// Implemented by the typed producer: turns the untyped callback stored with a record back into
/// a typed delivery report. Called on the sender loop.
/// </summary>
internal interface IDeliveryHandler
{
    void Deliver(in RecordThunk thunk, string topic, int partition, long offset, long timestamp, TimestampType timestampType, KafkaError error, PersistenceStatus status);
}
