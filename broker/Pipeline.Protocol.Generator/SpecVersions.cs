using System.Globalization;

namespace Pipeline.Protocol.Generator;

/// <summary>
/// An inclusive range of protocol versions as the specs write them: "3", "0-4", "5+" or "none".
/// An open range ("5+") has <see cref="Highest"/> = short.MaxValue.
/// </summary>
public readonly record struct SpecVersions(short Lowest, short Highest)
{
    public static readonly SpecVersions None = new(short.MaxValue, -1);

    public static readonly SpecVersions All = new(0, short.MaxValue);

    public bool IsEmpty => Lowest > Highest;

    public bool Contains(short version) => version >= Lowest && version <= Highest;

    public bool Covers(SpecVersions other) => other.IsEmpty || (!IsEmpty && Lowest <= other.Lowest && Highest >= other.Highest);

    public SpecVersions Intersect(SpecVersions other)
    {
        var result = new SpecVersions(Math.Max(Lowest, other.Lowest), Math.Min(Highest, other.Highest));
        return result.IsEmpty ? None : result;
    }

    /// <summary>The smallest range holding both (used for structs referenced from several places).</summary>
    public SpecVersions Hull(SpecVersions other) =>
        IsEmpty ? other : other.IsEmpty ? this : new(Math.Min(Lowest, other.Lowest), Math.Max(Highest, other.Highest));

    public static SpecVersions Parse(string text)
    {
        text = text.Trim();
        if (text == "none")
        {
            return None;
        }

        if (text.EndsWith('+'))
        {
            return new(ParseVersion(text[..^1]), short.MaxValue);
        }

        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash > 0)
        {
            return new(ParseVersion(text[..dash]), ParseVersion(text[(dash + 1)..]));
        }

        var single = ParseVersion(text);
        return new(single, single);
    }

    private static short ParseVersion(string text) =>
        short.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new FormatException($"bad version '{text}'");

    public override string ToString() =>
        IsEmpty ? "none" : Highest == short.MaxValue ? $"{Lowest}+" : Lowest == Highest ? $"{Lowest}" : $"{Lowest}-{Highest}";
}
