using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Codecs.Binary;

/// <summary>
/// union: the branch index (int), then the value with that branch. The branch for a value is the
/// null branch for null, else the first branch whose own generic type the value is (a
/// <see cref="GenericRecord"/> picks the branch with its full name), else the first branch that
/// accepts it after widening (int into long, ...).
/// </summary>
internal sealed class UnionCodec(UnionSchema schema) : BinaryCodec(schema)
{
    public BinaryCodec[] Branches { get; set; } = [];

    public override void Write(ref AvroBinaryWriter writer, object? value)
    {
        var index = BranchFor(value);
        writer.WriteInt(index);
        Branches[index].Write(ref writer, value);
    }

    public override object? Read(ref AvroBinaryReader reader) => Branches[ReadIndex(ref reader)].Read(ref reader);

    public override void Skip(ref AvroBinaryReader reader) => Branches[ReadIndex(ref reader)].Skip(ref reader);

    public override bool IsNative(object value) => false;

    public int ReadIndex(ref AvroBinaryReader reader)
    {
        var index = reader.ReadInt();
        if ((uint)index >= (uint)Branches.Length)
        {
            CodecErrors.Invalid($"union branch index {index} out of range for {Schema.ToJson()}");
        }

        return index;
    }

    public int BranchFor(object? value)
    {
        var branches = Branches;
        if (value is null)
        {
            for (var i = 0; i < branches.Length; i++)
            {
                if (branches[i] is NullCodec)
                {
                    return i;
                }
            }
        }
        else
        {
            for (var i = 0; i < branches.Length; i++)
            {
                if (branches[i].IsNative(value))
                {
                    return i;
                }
            }

            for (var i = 0; i < branches.Length; i++)
            {
                if (branches[i].CanWrite(value))
                {
                    return i;
                }
            }
        }

        return CodecErrors.Mismatch<int>(Schema, value);
    }
}
