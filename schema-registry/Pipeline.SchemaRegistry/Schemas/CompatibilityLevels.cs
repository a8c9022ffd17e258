namespace Pipeline.SchemaRegistry.Schemas;

/// <summary>Names of <see cref="CompatibilityLevel"/> as the REST API and the <c>_schemas</c> topic spell them.</summary>
public static class CompatibilityLevels
{
    public static string Name(CompatibilityLevel level) => level switch
    {
        CompatibilityLevel.None => "NONE",
        CompatibilityLevel.Backward => "BACKWARD",
        CompatibilityLevel.BackwardTransitive => "BACKWARD_TRANSITIVE",
        CompatibilityLevel.Forward => "FORWARD",
        CompatibilityLevel.ForwardTransitive => "FORWARD_TRANSITIVE",
        CompatibilityLevel.Full => "FULL",
        CompatibilityLevel.FullTransitive => "FULL_TRANSITIVE",
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    /// <summary>Case-insensitive, surrounding blanks ignored (Java's CompatibilityLevel.forName).</summary>
    public static bool TryParse(string? text, out CompatibilityLevel level)
    {
        level = CompatibilityLevel.Backward;
        if (text is null)
        {
            return false;
        }

        switch (text.Trim().ToUpperInvariant())
        {
            case "NONE":
                level = CompatibilityLevel.None;
                return true;
            case "BACKWARD":
                level = CompatibilityLevel.Backward;
                return true;
            case "BACKWARD_TRANSITIVE":
                level = CompatibilityLevel.BackwardTransitive;
                return true;
            case "FORWARD":
                level = CompatibilityLevel.Forward;
                return true;
            case "FORWARD_TRANSITIVE":
                level = CompatibilityLevel.ForwardTransitive;
                return true;
            case "FULL":
                level = CompatibilityLevel.Full;
                return true;
            case "FULL_TRANSITIVE":
                level = CompatibilityLevel.FullTransitive;
                return true;
            default:
                return false;
        }
    }
}
