namespace Pipeline.Protocol.Messages;

/// <summary>An inclusive range of API versions.</summary>
public readonly record struct VersionRange(short Lowest, short Highest)
{
    public bool Contains(short version) => version >= Lowest && version <= Highest;

    public override string ToString() => Lowest == Highest ? $"{Lowest}" : $"{Lowest}-{Highest}";
}
