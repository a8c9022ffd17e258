using System.Text;
using Pipeline.Broker.Coordinators.Runtime;

namespace Pipeline.Broker.Tests.Coordinators.Runtime;

/// <summary>A record of the test shard: a key and a value (null = delete).</summary>
internal sealed record KeyValueRecord(string Key, string? Value);

/// <summary>A minimal shard for runtime tests: a map replayed from its records.</summary>
internal sealed class KeyValueShard : ICoordinatorShard<KeyValueRecord>
{
    public KeyValueShard(ICoordinatorShardContext<KeyValueRecord> context)
    {
        Context = context;
    }

    public ICoordinatorShardContext<KeyValueRecord> Context { get; }

    public Dictionary<string, string> State { get; } = [];

    public List<long> ReplayedOffsets { get; } = [];

    public bool Loaded { get; private set; }

    public bool Unloaded { get; private set; }

    public CoordinatorResult<KeyValueRecord, string> Put(string key, string? value) =>
        new([new KeyValueRecord(key, value)], $"put {key}");

    public void Replay(long offset, long producerId, KeyValueRecord record)
    {
        ReplayedOffsets.Add(offset);
        if (record.Value is null)
        {
            State.Remove(record.Key);
        }
        else
        {
            State[record.Key] = record.Value;
        }
    }

    public void OnLoaded() => Loaded = true;

    public void OnUnloaded() => Unloaded = true;
}

/// <summary>UTF-8 key and value; keys starting with '?' are a record kind the shard does not know; "!" does not parse.</summary>
internal sealed class KeyValueSerde : ICoordinatorRecordSerde<KeyValueRecord>
{
    public (byte[] Key, byte[]? Value) Serialize(KeyValueRecord record) =>
        (Encoding.UTF8.GetBytes(record.Key), record.Value is null ? null : Encoding.UTF8.GetBytes(record.Value));

    public KeyValueRecord? Deserialize(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, bool valueIsNull)
    {
        var k = Encoding.UTF8.GetString(key);
        if (k.StartsWith('?'))
        {
            return null;
        }

        if (k == "!")
        {
            throw new Pipeline.Protocol.Primitives.ProtocolException("corrupt record");
        }

        return new KeyValueRecord(k, valueIsNull ? null : Encoding.UTF8.GetString(value));
    }
}
