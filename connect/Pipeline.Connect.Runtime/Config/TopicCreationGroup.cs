using System.Text.RegularExpressions;

namespace Pipeline.Connect.Runtime.Config;

/// <summary>
/// One <c>topic.creation.$group</c> of a source connector: which topics it covers (a whole-name
/// match of an include regex and of no exclude regex) and how they are created (-1 = the broker's
/// default), with the other settings of the group as topic configs.
/// </summary>
public sealed record TopicCreationGroup(
    string Name,
    IReadOnlyList<Regex> Include,
    IReadOnlyList<Regex> Exclude,
    int Partitions,
    short ReplicationFactor,
    IReadOnlyDictionary<string, string> TopicConfigs)
{
    /// <summary>Whether this group creates <paramref name="topic"/>.</summary>
    public bool Matches(string topic)
    {
        foreach (var exclude in Exclude)
        {
            if (exclude.IsMatch(topic))
            {
                return false;
            }
        }

        foreach (var include in Include)
        {
            if (include.IsMatch(topic))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A regex matching whole topic names, as Java's Pattern.matches does.</summary>
    internal static Regex WholeName(string pattern) => new($"^(?:{pattern})$", RegexOptions.CultureInvariant);
}
