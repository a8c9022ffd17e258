using System.Buffers;
using System.Text;

namespace Pipeline.Connectors.File.Lines;

/// <summary>
/// Splits a byte stream into UTF-8 lines ended by LF, CRLF or a lone CR, tracking the byte
/// position after the last complete line. An unterminated tail stays buffered until more bytes
/// arrive (the file may still be written), as Kafka's task does. Owned by one task thread.
/// </summary>
internal sealed class LineReader : IDisposable
{
    private const int InitialBufferSize = 64 * 1024;
    private readonly Stream _stream;
    private byte[] _buffer;
    private int _start;
    private int _end;

    public LineReader(Stream stream, long position)
    {
        _stream = stream;
        _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        Position = position;
    }

    /// <summary>The byte position just after the last line returned.</summary>
    public long Position { get; private set; }

    /// <summary>The next complete line in the buffer, without its terminator; false when more bytes are needed.</summary>
    public bool TryReadLine(out string line)
    {
        var span = _buffer.AsSpan(_start, _end - _start);
        var i = span.IndexOfAny((byte)'\n', (byte)'\r');
        if (i < 0)
        {
            line = "";
            return false;
        }

        var consumed = i + 1;
        if (span[i] == (byte)'\r')
        {
            if (i + 1 == span.Length)
            {
                // CR at the end of the buffer: CRLF or a lone CR? Only the next byte tells.
                line = "";
                return false;
            }

            if (span[i + 1] == (byte)'\n')
            {
                consumed++;
            }
        }

        var text = span[..i];
        if (Position == 0 && text.StartsWith("\uFEFF"u8))
        {
            // A byte order mark is not part of the first line (it still counts in the position).
            text = text[3..];
        }

        line = Encoding.UTF8.GetString(text);
        _start += consumed;
        Position += consumed;
        return true;
    }

    /// <summary>Reads more bytes; returns 0 at the (current) end of the stream.</summary>
    public async ValueTask<int> FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            // Shift the unterminated tail to the front to make room.
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            // One line larger than the buffer: grow it.
            var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, bigger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        var n = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        _end += n;
        return n;
    }

    public void Dispose()
    {
        _stream.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
