namespace Pipeline.Broker.Coordinators.Runtime;

/// <summary>Turns a coordinator's records into the key and value bytes of its internal topic and back.</summary>
public interface ICoordinatorRecordSerde<TRecord>
    where TRecord : class
{
    /// <summary>The record's key and value (null value = tombstone).</summary>
    (byte[] Key, byte[]? Value) Serialize(TRecord record);

    /// <summary>
    /// The record stored under these bytes, or null for a kind of record this coordinator does not
    /// know (skipped while loading, as Kafka skips unknown record types). Throws
    /// <see cref="Pipeline.Protocol.Primitives.ProtocolException"/> on malformed bytes.
    /// </summary>
    TRecord? Deserialize(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, bool valueIsNull);
}
