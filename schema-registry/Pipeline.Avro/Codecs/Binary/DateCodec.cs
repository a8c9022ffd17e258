using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Codecs.Binary;

/// <summary>date on int: DateOnly (days since 1970-01-01); int accepted as is.</summary>
internal sealed class DateCodec(Schema schema) : BinaryCodec(schema)
{
    public override void Write(ref AvroBinaryWriter writer, object? value) => writer.WriteInt(value switch
    {
        DateOnly d => d.DayNumber - Temporal.EpochDayNumber,
        DateTime t => DateOnly.FromDateTime(t).DayNumber - Temporal.EpochDayNumber,
        int i => i,
        _ => CodecErrors.Mismatch<int>(Schema, value),
    });

    public override object? Read(ref AvroBinaryReader reader) => FromRaw(reader.ReadInt());

    public override void Skip(ref AvroBinaryReader reader) => reader.ReadLong();

    public override bool IsNative(object value) => value is DateOnly;

    public override bool CanWrite(object value) => value is DateOnly or DateTime or int;

    public override object? ToRaw(object? value) => value switch
    {
        DateOnly d => d.DayNumber - Temporal.EpochDayNumber,
        DateTime t => DateOnly.FromDateTime(t).DayNumber - Temporal.EpochDayNumber,
        _ => value,
    };

    public override object? FromRaw(object? raw) => raw is int days
        ? (days >= DateOnly.MinValue.DayNumber - Temporal.EpochDayNumber && days <= DateOnly.MaxValue.DayNumber - Temporal.EpochDayNumber
            ? DateOnly.FromDayNumber(days + Temporal.EpochDayNumber)
            : throw new AvroTypeException($"date {days} is out of the range of DateOnly"))
        : raw;
}
