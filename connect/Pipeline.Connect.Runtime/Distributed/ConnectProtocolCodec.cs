using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Pipeline.Connect.Runtime.Herder;

namespace Pipeline.Connect.Runtime.Distributed;

/// <summary>
/// The bytes of the connect group protocol, as Kafka's ConnectProtocol and
/// IncrementalCooperativeConnectProtocol write them (Kafka's classic Struct encoding: big-endian
/// integers, STRING = int16 length + UTF-8, BYTES = int32 length or -1, ARRAY = int32 count or -1).
/// <code>
/// metadata v0:    version:int16 | url:STRING | config-offset:int64
/// metadata v1/v2: version:int16 | url:STRING | config-offset:int64 | allocation:NULLABLE_BYTES (an assignment v1/v2 or null when empty)
/// assignment v0:  version:int16 | error:int16 | leader:STRING | leader-url:STRING | config-offset:int64 | assignment:[connector:STRING tasks:[int32]]
/// assignment v1+: ... v0 fields (assignment nullable) | revoked:[connector:STRING tasks:[int32]] (nullable) | delay:int32
/// </code>
/// In each connector entry the task id -1 stands for the connector instance itself; connectors
/// come first, then tasks. Readers tolerate the v1 fields missing (a v0 assignment).
/// </summary>
public static class ConnectProtocolCodec
{
    /// <summary>The sentinel task id for "the connector instance" (Kafka's CONNECTOR_TASK).</summary>
    public const int ConnectorTask = -1;

    public static byte[] SerializeMetadata(WorkerMetadata metadata, ConnectProtocolCompatibility version)
    {
        var w = new ArrayBufferWriter<byte>(64);
        WriteInt16(w, (short)version);
        WriteString(w, metadata.Url);
        WriteInt64(w, metadata.ConfigOffset);
        if (version != ConnectProtocolCompatibility.Eager)
        {
            var allocation = metadata.Assignment is { } a && (a.Connectors.Count > 0 || a.Tasks.Count > 0)
                ? SerializeAssignment(a, version)
                : null;
            WriteBytes(w, allocation);
        }

        return w.WrittenSpan.ToArray();
    }

    public static WorkerMetadata DeserializeMetadata(ReadOnlySpan<byte> bytes)
    {
        var r = new Reader(bytes);
        var version = r.Int16();
        CheckVersion(version);
        var url = r.String() ?? "";
        var offset = r.Int64();
        ConnectAssignment? assignment = null;
        if (version >= 1 && r.Remaining > 0 && r.Bytes() is { } allocation)
        {
            assignment = DeserializeAssignment(allocation);
        }

        return new WorkerMetadata(url, offset, assignment);
    }

    public static byte[] SerializeAssignment(ConnectAssignment assignment, ConnectProtocolCompatibility version)
    {
        var w = new ArrayBufferWriter<byte>(128);
        WriteInt16(w, (short)version);
        WriteInt16(w, assignment.Error);
        WriteString(w, assignment.Leader);
        WriteString(w, assignment.LeaderUrl);
        WriteInt64(w, assignment.ConfigOffset);
        WriteEntries(w, assignment.Connectors, assignment.Tasks);
        if (version != ConnectProtocolCompatibility.Eager)
        {
            WriteEntries(w, assignment.RevokedConnectors, assignment.RevokedTasks);
            WriteInt32(w, assignment.Delay);
        }

        return w.WrittenSpan.ToArray();
    }

    public static ConnectAssignment DeserializeAssignment(ReadOnlySpan<byte> bytes)
    {
        var r = new Reader(bytes);
        var version = r.Int16();
        CheckVersion(version);
        var error = r.Int16();
        var leader = r.String() ?? "";
        var leaderUrl = r.String() ?? "";
        var offset = r.Int64();
        var (connectors, tasks) = ReadEntries(ref r);
        List<string> revokedConnectors = [];
        List<ConnectorTaskId> revokedTasks = [];
        var delay = 0;
        if (r.Remaining > 0)
        {
            (revokedConnectors, revokedTasks) = ReadEntries(ref r);
        }

        if (r.Remaining >= 4)
        {
            delay = r.Int32();
        }

        var compatibility = (ConnectProtocolCompatibility)Math.Min(version, (short)ConnectProtocolCompatibility.Sessioned);
        return new ConnectAssignment(compatibility, error, leader, leaderUrl, offset, connectors, tasks, revokedConnectors, revokedTasks, delay);
    }

    private static void CheckVersion(short version)
    {
        if (version < 0)
        {
            throw new FormatException($"Unsupported subscription version: {version}");
        }
    }

    private static void WriteEntries(ArrayBufferWriter<byte> w, IReadOnlyList<string> connectors, IReadOnlyList<ConnectorTaskId> tasks)
    {
        // Group by connector, keeping first-seen order: connector instances first, then tasks.
        var entries = new List<(string Connector, List<int> Tasks)>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        void Add(string connector, int task)
        {
            if (!index.TryGetValue(connector, out var i))
            {
                index[connector] = i = entries.Count;
                entries.Add((connector, []));
            }

            entries[i].Tasks.Add(task);
        }

        foreach (var connector in connectors.Distinct(StringComparer.Ordinal))
        {
            Add(connector, ConnectorTask);
        }

        foreach (var task in tasks)
        {
            Add(task.Connector, task.Task);
        }

        WriteInt32(w, entries.Count);
        foreach (var (connector, ids) in entries)
        {
            WriteString(w, connector);
            WriteInt32(w, ids.Count);
            foreach (var id in ids)
            {
                WriteInt32(w, id);
            }
        }
    }

    private static (List<string> Connectors, List<ConnectorTaskId> Tasks) ReadEntries(ref Reader r)
    {
        List<string> connectors = [];
        List<ConnectorTaskId> tasks = [];
        var count = r.Int32();
        for (var i = 0; i < count; i++)
        {
            var connector = r.String() ?? "";
            var n = r.Int32();
            for (var j = 0; j < n; j++)
            {
                var task = r.Int32();
                if (task == ConnectorTask)
                {
                    connectors.Add(connector);
                }
                else
                {
                    tasks.Add(new ConnectorTaskId(connector, task));
                }
            }
        }

        return (connectors, tasks);
    }

    private static void WriteInt16(ArrayBufferWriter<byte> w, short value)
    {
        BinaryPrimitives.WriteInt16BigEndian(w.GetSpan(2), value);
        w.Advance(2);
    }

    private static void WriteInt32(ArrayBufferWriter<byte> w, int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(w.GetSpan(4), value);
        w.Advance(4);
    }

    private static void WriteInt64(ArrayBufferWriter<byte> w, long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(w.GetSpan(8), value);
        w.Advance(8);
    }

    private static void WriteString(ArrayBufferWriter<byte> w, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteInt16(w, checked((short)length));
        Encoding.UTF8.GetBytes(value, w.GetSpan(length));
        w.Advance(length);
    }

    private static void WriteBytes(ArrayBufferWriter<byte> w, byte[]? value)
    {
        WriteInt32(w, value?.Length ?? -1);
        if (value is not null)
        {
            w.Write(value);
        }
    }

    private ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;
        private int _position;

        public readonly int Remaining => _bytes.Length - _position;

        public short Int16() => BinaryPrimitives.ReadInt16BigEndian(Take(2));

        public int Int32() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

        public long Int64() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

        public string? String()
        {
            var length = Int16();
            return length < 0 ? null : Encoding.UTF8.GetString(Take(length));
        }

        public byte[]? Bytes()
        {
            var length = Int32();
            return length < 0 ? null : Take(length).ToArray();
        }

        private ReadOnlySpan<byte> Take(int count)
        {
            if (count > Remaining)
            {
                throw new FormatException("connect protocol message truncated");
            }

            var span = _bytes.Slice(_position, count);
            _position += count;
            return span;
        }
    }
}
