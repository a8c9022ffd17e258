namespace Pipeline.Broker.Coordinators.Group;

/// <summary>One protocol a member supports: its name (an assignor, e.g. "range") and opaque metadata.</summary>
public sealed class ClassicProtocol
{
    public ClassicProtocol(string name, byte[] metadata)
    {
        Name = name;
        Metadata = metadata;
    }

    public string Name { get; }

    public byte[] Metadata { get; }

    /// <summary>Same names, same metadata bytes, same order (Kafka compares the protocol collections).</summary>
    public static bool SameList(IReadOnlyList<ClassicProtocol> a, IReadOnlyList<ClassicProtocol> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (a[i].Name != b[i].Name || !a[i].Metadata.AsSpan().SequenceEqual(b[i].Metadata))
            {
                return false;
            }
        }

        return true;
    }
}
