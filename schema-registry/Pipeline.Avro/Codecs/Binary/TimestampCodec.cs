using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Codecs.Binary;

/// <summary>
/// timestamp-* (an instant: DateTimeOffset, UTC) and local-timestamp-* (a wall-clock reading:
/// DateTime of kind Unspecified) on long, in millis, micros or nanos since the epoch. Writes
/// accept DateTimeOffset, DateTime and the raw long. .NET ticks are 100 ns, so reading a nanos
/// value truncates to 100 ns (read with logical types off to keep every nanosecond).
/// </summary>
internal sealed class TimestampCodec(Schema schema, Temporal.Unit unit, bool local) : BinaryCodec(schema)
{
    public override void Write(ref AvroBinaryWriter writer, object? value) => writer.WriteLong(value switch
    {
        DateTimeOffset o => Temporal.ToCount((local ? o.DateTime.Ticks : o.UtcTicks) - Temporal.EpochTicks, unit),
        DateTime d => Temporal.ToCount((local || d.Kind != DateTimeKind.Local ? d.Ticks : d.ToUniversalTime().Ticks) - Temporal.EpochTicks, unit),
        long l => l,
        int i => i,
        _ => CodecErrors.Mismatch<long>(Schema, value),
    });

    public override object? Read(ref AvroBinaryReader reader) => Convert(reader.ReadLong());

    public override void Skip(ref AvroBinaryReader reader) => reader.ReadLong();

    public override bool IsNative(object value) => local ? value is DateTime : value is DateTimeOffset;

    public override bool CanWrite(object value) => value is DateTimeOffset or DateTime or long or int;

    public override object? ToRaw(object? value) => value switch
    {
        DateTimeOffset o => Temporal.ToCount((local ? o.DateTime.Ticks : o.UtcTicks) - Temporal.EpochTicks, unit),
        DateTime d => Temporal.ToCount((local || d.Kind != DateTimeKind.Local ? d.Ticks : d.ToUniversalTime().Ticks) - Temporal.EpochTicks, unit),
        _ => value,
    };

    public override object? FromRaw(object? raw) => raw is long l ? Convert(l) : raw;

    private object Convert(long count) => local ? (object)Temporal.ToLocal(count, unit) : Temporal.ToInstant(count, unit);
}
