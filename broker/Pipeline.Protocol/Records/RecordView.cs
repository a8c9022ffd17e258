namespace Pipeline.Protocol.Records;

/// <summary>
/// One record of a v2 batch, as slices of the (decompressed) records section; nothing is
/// copied. Layout (reference section 5.3, all varints zig-zag):
/// <code>
/// length varint | attributes int8 | timestampDelta varlong | offsetDelta varint
/// keyLength varint (-1 null) | key | valueLength varint (-1 null) | value
/// headerCount varint | { keyLength varint | key (UTF-8) | valueLength varint (-1 null) | value }*
/// </code>
/// Valid only while the batch bytes (or the reader's decompression buffer) are.
/// </summary>
public readonly ref struct RecordView
{
    private readonly ReadOnlySpan<byte> _key;
    private readonly ReadOnlySpan<byte> _value;
    private readonly ReadOnlySpan<byte> _headers;
    private readonly ReadOnlySpan<byte> _raw;

    private RecordView(
        ReadOnlySpan<byte> raw,
        sbyte attributes,
        long timestampDelta,
        int offsetDelta,
        ReadOnlySpan<byte> key,
        bool keyIsNull,
        ReadOnlySpan<byte> value,
        bool valueIsNull,
        int headerCount,
        ReadOnlySpan<byte> headers)
    {
        _raw = raw;
        Attributes = attributes;
        TimestampDelta = timestampDelta;
        OffsetDelta = offsetDelta;
        _key = key;
        KeyIsNull = keyIsNull;
        _value = value;
        ValueIsNull = valueIsNull;
        HeaderCount = headerCount;
        _headers = headers;
        Offset = offsetDelta;
        Timestamp = timestampDelta;
        IsControl = false;
    }

    private RecordView(RecordView r, long offset, long timestamp, bool isControl)
    {
        this = r;
        Offset = offset;
        Timestamp = timestamp;
        IsControl = isControl;
    }

    /// <summary>Absolute offset: the batch's base offset plus <see cref="OffsetDelta"/>.</summary>
    public long Offset { get; }

    /// <summary>
    /// The record's timestamp as consumers see it: base timestamp plus delta, or the batch's max
    /// timestamp when the batch is LogAppendTime (Kafka's DefaultRecord does the same).
    /// </summary>
    public long Timestamp { get; }

    public int OffsetDelta { get; }

    public long TimestampDelta { get; }

    /// <summary>The record attributes byte (unused by Kafka, 0).</summary>
    public sbyte Attributes { get; }

    public ReadOnlySpan<byte> Key => _key;

    public bool KeyIsNull { get; }

    public bool HasKey => !KeyIsNull;

    public ReadOnlySpan<byte> Value => _value;

    /// <summary>A null value is a tombstone on compacted topics.</summary>
    public bool ValueIsNull { get; }

    public int HeaderCount { get; }

    public RecordHeaderEnumerator Headers => new(_headers, HeaderCount);

    /// <summary>The encoded headers (after the header count), for copying a record unchanged.</summary>
    public ReadOnlySpan<byte> HeadersBytes => _headers;

    /// <summary>The encoded record, length prefix included.</summary>
    public ReadOnlySpan<byte> RawBytes => _raw;

    public int SizeInBytes => _raw.Length;

    /// <summary>True in a control batch (attributes bit 5); the key then encodes <see cref="ControlType"/>.</summary>
    public bool IsControl { get; }

    public ControlRecordType ControlType => IsControl ? ControlRecord.ReadType(_key) : ControlRecordType.Unknown;

    /// <summary>This record placed in a batch: absolute offset and timestamp from the header.</summary>
    internal RecordView InBatch(long baseOffset, long baseTimestamp, bool logAppendTime, long maxTimestamp, bool isControl) =>
        new(this, baseOffset + OffsetDelta, logAppendTime ? maxTimestamp : baseTimestamp + TimestampDelta, isControl);

    /// <summary>
    /// Parses the record at <paramref name="position"/> of a records section and moves past it.
    /// Checks every length and varint, and walks the headers so that later header enumeration
    /// cannot fail. Never throws.
    /// </summary>
    internal static RecordParseError TryParse(ReadOnlySpan<byte> section, scoped ref int position, out RecordView record)
    {
        record = default;
        var start = position;
        var p = position;
        if (!RecordVarint.TryReadVarint(section, ref p, out var length))
        {
            return p >= section.Length || section.Length - p < RecordVarint.MaxVarintSize ? RecordParseError.Truncated : RecordParseError.MalformedVarint;
        }

        if (length < 0)
        {
            return RecordParseError.NegativeLength;
        }

        if (length > section.Length - p)
        {
            return RecordParseError.Truncated;
        }

        var body = section.Slice(p, length);
        var end = p + length;
        var q = 1;
        if (body.IsEmpty)
        {
            return RecordParseError.SizeMismatch;
        }

        var attributes = (sbyte)body[0];
        if (!RecordVarint.TryReadVarlong(body, ref q, out var timestampDelta) ||
            !RecordVarint.TryReadVarint(body, ref q, out var offsetDelta))
        {
            return RecordParseError.SizeMismatch;
        }

        var error = ReadBytes(body, ref q, RecordParseError.InvalidKeyLength, out var key, out var keyIsNull);
        if (error != RecordParseError.None)
        {
            return error;
        }

        error = ReadBytes(body, ref q, RecordParseError.InvalidValueLength, out var value, out var valueIsNull);
        if (error != RecordParseError.None)
        {
            return error;
        }

        if (!RecordVarint.TryReadVarint(body, ref q, out var headerCount))
        {
            return RecordParseError.SizeMismatch;
        }

        // Each header takes at least two bytes, so a larger count is a lie.
        if (headerCount < 0 || headerCount > (body.Length - q) / 2)
        {
            return RecordParseError.InvalidHeaderCount;
        }

        var headersStart = q;
        for (var i = 0; i < headerCount; i++)
        {
            error = ReadBytes(body, ref q, RecordParseError.InvalidHeaderKeyLength, out _, out var headerKeyIsNull);
            if (error != RecordParseError.None || headerKeyIsNull)
            {
                return RecordParseError.InvalidHeaderKeyLength;
            }

            error = ReadBytes(body, ref q, RecordParseError.InvalidHeaderValueLength, out _, out _);
            if (error != RecordParseError.None)
            {
                return error;
            }
        }

        if (q != body.Length)
        {
            return RecordParseError.SizeMismatch;
        }

        position = end;
        record = new RecordView(
            section[start..end], attributes, timestampDelta, offsetDelta, key, keyIsNull, value, valueIsNull,
            headerCount, body[headersStart..q]);
        return RecordParseError.None;
    }

    // A varint length (-1 = null) and that many bytes. A length that is not a varint, below -1
    // or past the record body is `invalid`.
    internal static RecordParseError ReadBytes(ReadOnlySpan<byte> body, scoped ref int q, RecordParseError invalid, out ReadOnlySpan<byte> bytes, out bool isNull)
    {
        bytes = default;
        isNull = false;
        if (!RecordVarint.TryReadVarint(body, ref q, out var n))
        {
            return RecordParseError.SizeMismatch;
        }

        if (n < 0)
        {
            isNull = true;
            return n == -1 ? RecordParseError.None : invalid;
        }

        if (n > body.Length - q)
        {
            return RecordParseError.SizeMismatch;
        }

        bytes = body.Slice(q, n);
        q += n;
        return RecordParseError.None;
    }
}
