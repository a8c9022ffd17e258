using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Codecs.Binary;

/// <summary>time-millis (int) and time-micros (long): TimeOnly after midnight; TimeSpan and the raw count accepted.</summary>
internal sealed class TimeCodec(Schema schema, bool micros) : BinaryCodec(schema)
{
    private readonly long _ticksPerUnit = micros ? TimeSpan.TicksPerMicrosecond : TimeSpan.TicksPerMillisecond;

    public override void Write(ref AvroBinaryWriter writer, object? value)
    {
        var count = value switch
        {
            TimeOnly t => t.Ticks / _ticksPerUnit,
            TimeSpan s => s.Ticks / _ticksPerUnit,
            int i => i,
            long l when micros => l,
            _ => CodecErrors.Mismatch<long>(Schema, value),
        };
        if (micros)
        {
            writer.WriteLong(count);
        }
        else
        {
            writer.WriteInt(checked((int)count));
        }
    }

    public override object? Read(ref AvroBinaryReader reader) => ToTime(micros ? reader.ReadLong() : reader.ReadInt());

    public override void Skip(ref AvroBinaryReader reader) => reader.ReadLong();

    public override bool IsNative(object value) => value is TimeOnly;

    public override bool CanWrite(object value) => value is TimeOnly or TimeSpan || (micros ? value is long or int : value is int);

    public override object? ToRaw(object? value)
    {
        long? count = value switch
        {
            TimeOnly t => t.Ticks / _ticksPerUnit,
            TimeSpan s => s.Ticks / _ticksPerUnit,
            _ => null,
        };
        return count is { } c ? (micros ? c : (object)checked((int)c)) : value;
    }

    public override object? FromRaw(object? raw) => raw switch
    {
        int i => ToTime(i),
        long l => ToTime(l),
        _ => raw,
    };

    private TimeOnly ToTime(long count)
    {
        var ticks = count * _ticksPerUnit;
        if (count < 0 || ticks >= TimeSpan.TicksPerDay)
        {
            throw new AvroTypeException($"{(micros ? "time-micros" : "time-millis")} {count} is not a time of day");
        }

        return new TimeOnly(ticks);
    }
}
