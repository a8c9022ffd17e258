namespace Pipeline.Avro.Codecs;

/// <summary>The <c>duration</c> logical type: fixed(12) holding three unsigned little-endian ints.</summary>
public readonly record struct AvroDuration(uint Months, uint Days, uint Milliseconds);
