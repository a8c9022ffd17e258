using System.Globalization;

namespace Pipeline.SchemaRegistry.Schemas;

/// <summary>
/// Applies a compatibility level to a new schema and the live versions before it, and words the
/// result the way Confluent's SchemaValidatorBuilder does: each provider message with its
/// reader/writer slots filled ("new"/"old"), then <c>{oldSchemaVersion: N}</c> and
/// <c>{oldSchema: '...'}</c>. Non-transitive levels look at the latest version only; transitive
/// ones walk newest to oldest and stop at the first failure.
/// </summary>
public static class CompatibilityChecker
{
    private const string DifferentSchemaType = "Incompatible because of different schema type";
    private const int MaxSchemaSizeForLogging = 10 * 1024;

    /// <param name="previous">Live versions in chronological order (oldest first).</param>
    public static List<string> Check(CompatibilityLevel level, ParsedSchema candidate, IReadOnlyList<PreviousSchema> previous)
    {
        if (level == CompatibilityLevel.None || previous.Count == 0)
        {
            return [];
        }

        var transitive = level is CompatibilityLevel.BackwardTransitive or CompatibilityLevel.ForwardTransitive or CompatibilityLevel.FullTransitive;
        for (var i = previous.Count - 1; i >= 0; i--)
        {
            var existing = previous[i];
            var messages = existing.Schema.SchemaType == candidate.SchemaType
                ? Validate(level, candidate, existing)
                : [DifferentSchemaType];
            if (!transitive || messages.Count > 0)
            {
                return messages;
            }
        }

        return [];
    }

    private static List<string> Validate(CompatibilityLevel level, ParsedSchema candidate, PreviousSchema existing)
    {
        switch (level)
        {
            case CompatibilityLevel.Backward or CompatibilityLevel.BackwardTransitive:
                return Format(candidate.IsBackwardCompatible(existing.Schema), existing, "new", "old", appendSchema: true);
            case CompatibilityLevel.Forward or CompatibilityLevel.ForwardTransitive:
                return Format(existing.Schema.IsBackwardCompatible(candidate), existing, "old", "new", appendSchema: true);
            default:
                var result = Format(existing.Schema.IsBackwardCompatible(candidate), existing, "old", "new", appendSchema: false);
                result.AddRange(Format(candidate.IsBackwardCompatible(existing.Schema), existing, "new", "old", appendSchema: true));
                return result;
        }
    }

    private static List<string> Format(IReadOnlyList<string> messages, PreviousSchema existing, string reader, string writer, bool appendSchema)
    {
        var result = new List<string>(messages.Count + 2);
        if (messages.Count == 0)
        {
            return result;
        }

        foreach (var m in messages)
        {
            result.Add(FillSlots(m, reader, writer));
        }

        if (appendSchema)
        {
            result.Add("{oldSchemaVersion: " + existing.Version.ToString(CultureInfo.InvariantCulture) + "}");
            var text = existing.Schema.CanonicalString;
            result.Add(text.Length <= MaxSchemaSizeForLogging
                ? "{oldSchema: '" + text + "'}"
                : "{oldSchema: <truncated> '" + text[..MaxSchemaSizeForLogging] + "...'}");
        }

        return result;
    }

    /// <summary>Java's String.format with two %s: the first slot gets <paramref name="first"/>, the second <paramref name="second"/>.</summary>
    private static string FillSlots(string message, string first, string second)
    {
        var i = message.IndexOf("%s", StringComparison.Ordinal);
        if (i < 0)
        {
            return message;
        }

        message = string.Concat(message.AsSpan(0, i), first, message.AsSpan(i + 2));
        var j = message.IndexOf("%s", i + first.Length, StringComparison.Ordinal);
        return j < 0 ? message : string.Concat(message.AsSpan(0, j), second, message.AsSpan(j + 2));
    }
}
