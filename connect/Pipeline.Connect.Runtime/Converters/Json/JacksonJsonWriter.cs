using System.Buffers;
using System.Globalization;
using System.Text;

namespace Pipeline.Connect.Runtime.Converters.Json;

/// <summary>
/// Compact JSON written the way Jackson (Kafka's JSON library) writes it with default settings,
/// into a pooled buffer: strings escape only <c>"</c>, <c>\</c> and control characters (short forms
/// \b \t \n \f \r, else \u00XX upper-case) and keep every other character as raw UTF-8; doubles and
/// floats as Java prints them; non-finite numbers as the strings "NaN", "Infinity", "-Infinity";
/// bytes as padded standard base64. Utf8JsonWriter cannot be made to do this (its encoders always
/// escape characters outside the BMP), hence this small writer.
/// <para>Per-record use goes through <see cref="Rent"/>/<see cref="Return"/>: one instance and its
/// buffer are kept per thread, so a conversion allocates only its result array. Not thread-safe.</para>
/// </summary>
internal sealed class JacksonJsonWriter
{
    private const int InitialSize = 256;
    private const int MaxRetainedSize = 1 << 20;
    private static readonly SearchValues<char> NeedsEscape = SearchValues.Create("\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F");

    [ThreadStatic]
    private static JacksonJsonWriter? t_cached;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
    private bool[] _hasItems = new bool[16];
    private int _length;
    private int _depth;
    private bool _afterName;

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    /// <summary>This thread's writer (or a new one when it is in use); give it back with <see cref="Return"/>.</summary>
    public static JacksonJsonWriter Rent()
    {
        var writer = t_cached ?? new JacksonJsonWriter();
        t_cached = null;
        return writer;
    }

    public static void Return(JacksonJsonWriter writer)
    {
        writer.Reset();
        if (writer._buffer.Length <= MaxRetainedSize)
        {
            t_cached = writer;
        }
        else
        {
            ArrayPool<byte>.Shared.Return(writer._buffer);
            writer._buffer = [];
        }
    }

    public void Reset()
    {
        _length = 0;
        _depth = 0;
        _afterName = false;
    }

    public byte[] ToArray() => Written.ToArray();

    public void StartObject()
    {
        BeforeValue();
        WriteByte((byte)'{');
        Push();
    }

    public void EndObject()
    {
        _depth--;
        WriteByte((byte)'}');
    }

    public void StartArray()
    {
        BeforeValue();
        WriteByte((byte)'[');
        Push();
    }

    public void EndArray()
    {
        _depth--;
        WriteByte((byte)']');
    }

    public void Name(string name)
    {
        BeforeValue();
        WriteQuoted(name);
        WriteByte((byte)':');
        _afterName = true;
    }

    public void String(string value)
    {
        BeforeValue();
        WriteQuoted(value);
    }

    public void Null()
    {
        BeforeValue();
        WriteAscii("null"u8);
    }

    public void Bool(bool value)
    {
        BeforeValue();
        WriteAscii(value ? "true"u8 : "false"u8);
    }

    public void Number(long value)
    {
        BeforeValue();
        Ensure(20);
        value.TryFormat(_buffer.AsSpan(_length), out var written, default, CultureInfo.InvariantCulture);
        _length += written;
    }

    public void Number(double value)
    {
        if (!double.IsFinite(value))
        {
            String(JavaNumbers.DoubleToString(value));
            return;
        }

        BeforeValue();
        Ensure(JavaNumbers.MaxLength);
        _length += JavaNumbers.FormatDouble(value, _buffer.AsSpan(_length));
    }

    public void Number(float value)
    {
        if (!float.IsFinite(value))
        {
            String(JavaNumbers.FloatToString(value));
            return;
        }

        BeforeValue();
        Ensure(JavaNumbers.MaxLength);
        _length += JavaNumbers.FormatFloat(value, _buffer.AsSpan(_length));
    }

    /// <summary>Bytes as a base64 string (Jackson's binary node).</summary>
    public void Base64String(ReadOnlySpan<byte> value)
    {
        BeforeValue();
        Ensure(System.Buffers.Text.Base64.GetMaxEncodedToUtf8Length(value.Length) + 2);
        _buffer[_length++] = (byte)'"';
        System.Buffers.Text.Base64.EncodeToUtf8(value, _buffer.AsSpan(_length), out _, out var written);
        _length += written;
        _buffer[_length++] = (byte)'"';
    }

    /// <summary>A complete JSON value given as text (a cached schema, a decimal's digits).</summary>
    public void RawValue(ReadOnlySpan<byte> json)
    {
        BeforeValue();
        WriteAscii(json);
    }

    /// <summary>A number given as ASCII digits.</summary>
    public void RawValue(string number)
    {
        BeforeValue();
        Ensure(number.Length);
        _length += Encoding.ASCII.GetBytes(number, _buffer.AsSpan(_length));
    }

    private void BeforeValue()
    {
        if (_afterName)
        {
            _afterName = false;
            return;
        }

        if (_depth > 0)
        {
            if (_hasItems[_depth - 1])
            {
                WriteByte((byte)',');
            }
            else
            {
                _hasItems[_depth - 1] = true;
            }
        }
    }

    private void Push()
    {
        if (_depth == _hasItems.Length)
        {
            Array.Resize(ref _hasItems, _hasItems.Length * 2);
        }

        _hasItems[_depth++] = false;
    }

    private void WriteQuoted(string value)
    {
        // Worst case: every char a six-byte \u00XX escape, plus the quotes.
        Ensure((value.Length * 6) + 2);
        var output = _buffer.AsSpan();
        output[_length++] = (byte)'"';
        var rest = value.AsSpan();
        while (true)
        {
            var next = rest.IndexOfAny(NeedsEscape);
            var run = next < 0 ? rest : rest[..next];
            _length += Encoding.UTF8.GetBytes(run, output[_length..]);
            if (next < 0)
            {
                break;
            }

            var c = rest[next];
            output[_length++] = (byte)'\\';
            switch (c)
            {
                case '"': output[_length++] = (byte)'"'; break;
                case '\\': output[_length++] = (byte)'\\'; break;
                case '\b': output[_length++] = (byte)'b'; break;
                case '\t': output[_length++] = (byte)'t'; break;
                case '\n': output[_length++] = (byte)'n'; break;
                case '\f': output[_length++] = (byte)'f'; break;
                case '\r': output[_length++] = (byte)'r'; break;
                default:
                    output[_length++] = (byte)'u';
                    output[_length++] = (byte)'0';
                    output[_length++] = (byte)'0';
                    output[_length++] = (byte)"0123456789ABCDEF"[c >> 4];
                    output[_length++] = (byte)"0123456789ABCDEF"[c & 0xF];
                    break;
            }

            rest = rest[(next + 1)..];
        }

        output[_length++] = (byte)'"';
    }

    private void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
    }

    private void WriteAscii(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    private void Ensure(int count)
    {
        if (_buffer.Length - _length >= count)
        {
            return;
        }

        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + count));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = bigger;
    }
}
