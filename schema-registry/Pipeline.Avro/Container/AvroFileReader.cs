using System.Collections;
using System.Text;
using Pipeline.Avro.Codecs;
using Pipeline.Avro.Container.Codecs;
using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Container;

/// <summary>
/// Reads an object container file block by block: the header on construction, datums on
/// enumeration (resolved to <see cref="ReaderSchema"/> when given). Bad magic, a sync marker
/// that differs from the header's, a truncated block and codec errors are
/// <see cref="AvroException"/>s naming the block. Not thread-safe; enumerate once.
/// </summary>
public sealed class AvroFileReader : IEnumerable<object?>, IDisposable
{
    private readonly Stream _input;
    private readonly bool _leaveOpen;
    private readonly DatumReader _datumReader;
    private readonly ContainerCodec _codec;

    public AvroFileReader(Stream input, Schema? readerSchema = null, bool convertLogicalTypes = true, bool leaveOpen = false)
    {
        _input = input ?? throw new ArgumentNullException(nameof(input));
        _leaveOpen = leaveOpen;
        var magic = ReadExactly(4, "magic");
        if (!magic.AsSpan().SequenceEqual(AvroFileWriter.Magic))
        {
            throw new AvroException($"not an Avro object container file: magic is {Convert.ToHexString(magic)}, expected 4F626A01");
        }

        var metadata = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (var count = ReadLong("metadata"); count != 0; count = ReadLong("metadata"))
        {
            if (count < 0)
            {
                ReadLong("metadata");
                count = -count;
            }

            for (long i = 0; i < count; i++)
            {
                var key = Encoding.UTF8.GetString(ReadExactly(ReadLength("metadata key"), "metadata key"));
                metadata[key] = ReadExactly(ReadLength("metadata value"), "metadata value");
            }
        }

        Metadata = metadata;
        SyncMarker = ReadExactly(16, "sync marker");
        if (!metadata.TryGetValue("avro.schema", out var schemaBytes))
        {
            throw new AvroException("the file header has no avro.schema");
        }

        WriterSchema = Schema.Parse(Encoding.UTF8.GetString(schemaBytes));
        ReaderSchema = readerSchema ?? WriterSchema;
        CodecName = metadata.TryGetValue("avro.codec", out var codecBytes) ? Encoding.UTF8.GetString(codecBytes) : "null";
        _codec = ContainerCodec.ForName(CodecName);
        _datumReader = new DatumReader(WriterSchema, ReaderSchema, convertLogicalTypes);
    }

    public Schema WriterSchema { get; }

    public Schema ReaderSchema { get; }

    /// <summary>Every header entry, including avro.schema and avro.codec.</summary>
    public IReadOnlyDictionary<string, byte[]> Metadata { get; }

    /// <summary>The codec name (<c>null</c> when the header has no avro.codec).</summary>
    public string CodecName { get; }

    public byte[] SyncMarker { get; }

    /// <summary>Blocks read so far.</summary>
    public int BlocksRead { get; private set; }

    public IEnumerator<object?> GetEnumerator()
    {
        while (TryReadBlock(out var count, out var data))
        {
            var offset = 0;
            for (long i = 0; i < count; i++)
            {
                object? datum;
                try
                {
                    datum = _datumReader.Read(data.AsSpan(offset), out var consumed);
                    offset += consumed;
                }
                catch (AvroTypeException e)
                {
                    throw new AvroException($"block {BlocksRead}: datum {i} of {count} cannot be decoded: {e.Message}", e);
                }

                yield return datum;
            }

            if (offset != data.Length)
            {
                throw new AvroException($"block {BlocksRead}: {data.Length - offset} bytes left after its {count} datums");
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _input.Dispose();
        }
    }

    private bool TryReadBlock(out long count, out byte[] data)
    {
        data = [];
        var first = _input.ReadByte();
        if (first < 0)
        {
            count = 0;
            return false;
        }

        var block = BlocksRead + 1;
        count = ReadLong($"block {block} count", first);
        var size = ReadLong($"block {block} size");
        if (count < 0 || size < 0 || size > int.MaxValue)
        {
            throw new AvroException($"block {block}: invalid count {count} or size {size}");
        }

        var compressed = ReadExactly((int)size, $"block {block} data");
        var sync = ReadExactly(16, $"block {block} sync marker");
        if (!sync.AsSpan().SequenceEqual(SyncMarker))
        {
            throw new AvroException($"block {block}: sync marker {Convert.ToHexString(sync)} does not match the header's {Convert.ToHexString(SyncMarker)} (corrupt file)");
        }

        try
        {
            data = _codec.Decompress(compressed);
        }
        catch (AvroException e)
        {
            throw new AvroException($"block {block}: {e.Message}", e);
        }

        BlocksRead = block;
        return true;
    }

    private int ReadLength(string what)
    {
        var length = ReadLong(what);
        if (length < 0 || length > int.MaxValue)
        {
            throw new AvroException($"invalid {what} length {length}");
        }

        return (int)length;
    }

    private long ReadLong(string what, int firstByte = -1)
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = shift == 0 && firstByte >= 0 ? firstByte : _input.ReadByte();
            if (b < 0)
            {
                throw new AvroException($"truncated file: end of stream inside the {what}");
            }

            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return (long)(result >> 1) ^ -(long)(result & 1);
            }
        }

        throw new AvroException($"invalid varint in the {what}");
    }

    private byte[] ReadExactly(int count, string what)
    {
        var buffer = new byte[count];
        var read = 0;
        while (read < count)
        {
            var n = _input.Read(buffer, read, count - read);
            if (n == 0)
            {
                throw new AvroException($"truncated file: end of stream inside the {what} ({read} of {count} bytes)");
            }

            read += n;
        }

        return buffer;
    }
}
