namespace Pipeline.Client.Serialization;

/// <summary>A key or value type for consumers that do not look at it: it is never deserialized.</summary>
public sealed class Ignore
{
    private Ignore()
    {
    }
}
