namespace Pipeline.Protocol.Generator;

/// <summary>
/// Version tests for generated code. Each is simplified against the context: the versions in
/// which the surrounding code can run at all, so a field present whenever its struct is gets no
/// test.
/// </summary>
public static class Conditions
{
    /// <summary>The test for "version is in <paramref name="range"/>", or null when always true in the context.</summary>
    public static string? InRange(SpecVersions range, SpecVersions context)
    {
        var r = range.Intersect(context);
        if (r.IsEmpty)
        {
            return "false";
        }

        var low = r.Lowest > context.Lowest;
        var high = r.Highest < context.Highest;
        return (low, high) switch
        {
            (false, false) => null,
            (true, false) => $"version >= {r.Lowest}",
            (false, true) => $"version <= {r.Highest}",
            _ when r.Lowest == r.Highest => $"version == {r.Lowest}",
            _ => $"version >= {r.Lowest} && version <= {r.Highest}",
        };
    }

    /// <summary>The negation of a condition made by <see cref="InRange"/>.</summary>
    public static string Not(string condition)
    {
        if (!condition.Contains("&&", StringComparison.Ordinal))
        {
            if (condition.StartsWith("version >= ", StringComparison.Ordinal))
            {
                return "version < " + condition["version >= ".Length..];
            }

            if (condition.StartsWith("version <= ", StringComparison.Ordinal))
            {
                return "version > " + condition["version <= ".Length..];
            }

            if (condition.StartsWith("version == ", StringComparison.Ordinal))
            {
                return "version != " + condition["version == ".Length..];
            }
        }

        return $"!({condition})";
    }

    /// <summary>Joins tests with &amp;&amp;, skipping nulls and bracketing any that use ||.</summary>
    public static string? And(params string?[] conditions)
    {
        var parts = conditions.Where(c => c is not null).Select(c => c!.Contains("||", StringComparison.Ordinal) ? $"({c})" : c!).ToList();
        return parts.Count == 0 ? null : string.Join(" && ", parts);
    }
}
