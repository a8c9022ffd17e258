using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Pipeline.Avro.Codecs;
using Pipeline.Avro.Container.Codecs;
using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Container;

/// <summary>
/// Writes an object container file (spec §Object Container Files):
/// <code>
/// header: 4F 62 6A 01 | metadata as map&lt;bytes&gt; (avro.schema, avro.codec, user keys) | 16-byte sync
/// block:  long count | long byte size | codec(data) | the same 16-byte sync
/// </code>
/// A block is written when the buffered datums pass <c>syncInterval</c> bytes (Java: 64000), on
/// <see cref="Flush"/> and on dispose. Not thread-safe.
/// </summary>
public sealed class AvroFileWriter : IDisposable
{
    public static ReadOnlySpan<byte> Magic => "Obj\u0001"u8;

    private readonly Stream _output;
    private readonly bool _leaveOpen;
    private readonly DatumWriter _datumWriter;
    private readonly ArrayBufferWriter<byte> _block = new(64 * 1024);
    private readonly int _syncInterval;
    private long _count;
    private bool _disposed;

    /// <param name="metadata">User metadata; keys starting with "avro." are reserved.</param>
    /// <param name="syncMarker">16 bytes; random when null.</param>
    public AvroFileWriter(Stream output, Schema schema, ContainerCodec? codec = null, IEnumerable<KeyValuePair<string, byte[]>>? metadata = null,
        int syncInterval = 64_000, byte[]? syncMarker = null, bool leaveOpen = false)
    {
        _output = output ?? throw new ArgumentNullException(nameof(output));
        Schema = schema ?? throw new ArgumentNullException(nameof(schema));
        Codec = codec ?? ContainerCodec.Null;
        _leaveOpen = leaveOpen;
        _syncInterval = syncInterval > 0 ? syncInterval : throw new ArgumentOutOfRangeException(nameof(syncInterval));
        SyncMarker = syncMarker ?? RandomNumberGenerator.GetBytes(16);
        if (SyncMarker.Length != 16)
        {
            throw new ArgumentException("a sync marker is 16 bytes", nameof(syncMarker));
        }

        _datumWriter = new DatumWriter(schema);
        var entries = new List<KeyValuePair<string, byte[]>>
        {
            new("avro.schema", Encoding.UTF8.GetBytes(schema.ToJson())),
            new("avro.codec", Encoding.UTF8.GetBytes(Codec.Name)),
        };
        foreach (var (key, value) in metadata ?? [])
        {
            if (key.StartsWith("avro.", StringComparison.Ordinal))
            {
                throw new ArgumentException($"metadata key \"{key}\" is reserved", nameof(metadata));
            }

            entries.Add(new(key, value));
        }

        WriteHeader(entries);
    }

    public Schema Schema { get; }

    public ContainerCodec Codec { get; }

    public byte[] SyncMarker { get; }

    public void Append(object? datum)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _datumWriter.Write(datum, _block);
        _count++;
        if (_block.WrittenCount >= _syncInterval)
        {
            WriteBlock();
        }
    }

    /// <summary>Ends the current block (if any) and flushes the stream.</summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        WriteBlock();
        _output.Flush();
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        WriteBlock();
        _output.Flush();
        _disposed = true;
        if (!_leaveOpen)
        {
            _output.Dispose();
        }
    }

    private void WriteHeader(List<KeyValuePair<string, byte[]>> entries)
    {
        var header = new ArrayBufferWriter<byte>();
        var writer = new AvroBinaryWriter(header);
        writer.WriteFixed(Magic);
        writer.WriteLong(entries.Count);
        foreach (var (key, value) in entries)
        {
            writer.WriteString(key);
            writer.WriteBytes(value);
        }

        writer.WriteLong(0);
        writer.WriteFixed(SyncMarker);
        writer.Flush();
        _output.Write(header.WrittenSpan);
    }

    private void WriteBlock()
    {
        if (_count == 0)
        {
            return;
        }

        var compressed = Codec.Compress(_block.WrittenSpan);
        var prefix = new ArrayBufferWriter<byte>(20);
        var writer = new AvroBinaryWriter(prefix);
        writer.WriteLong(_count);
        writer.WriteLong(compressed.Length);
        writer.Flush();
        _output.Write(prefix.WrittenSpan);
        _output.Write(compressed);
        _output.Write(SyncMarker);
        _block.ResetWrittenCount();
        _count = 0;
    }
}
