using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Codecs.Binary;

/// <summary>record: the fields in declaration order. Field codecs are set after construction (recursion).</summary>
internal sealed class RecordCodec(RecordSchema schema) : BinaryCodec(schema)
{
    private readonly RecordSchema _schema = schema;

    public BinaryCodec[] Fields { get; set; } = [];

    public override void Write(ref AvroBinaryWriter writer, object? value)
    {
        if (value is not GenericRecord record)
        {
            CodecErrors.Mismatch(Schema, value);
            return;
        }

        var fields = Fields;
        if (ReferenceEquals(record.Schema, _schema))
        {
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i].Write(ref writer, record[i]);
            }

            return;
        }

        // A record built for another schema with the same name: match fields by name.
        for (var i = 0; i < fields.Length; i++)
        {
            var name = _schema.Fields[i].Name;
            if (!record.TryGet(name, out var fieldValue))
            {
                CodecErrors.Invalid($"record {record.Schema.FullName} has no field \"{name}\" required by {_schema.FullName}");
            }

            fields[i].Write(ref writer, fieldValue);
        }
    }

    public override object? Read(ref AvroBinaryReader reader)
    {
        var record = new GenericRecord(_schema);
        var fields = Fields;
        for (var i = 0; i < fields.Length; i++)
        {
            record[i] = fields[i].Read(ref reader);
        }

        return record;
    }

    public override void Skip(ref AvroBinaryReader reader)
    {
        foreach (var field in Fields)
        {
            field.Skip(ref reader);
        }
    }

    public override bool IsNative(object value) => value is GenericRecord r && r.Schema.FullName == _schema.FullName;
}
