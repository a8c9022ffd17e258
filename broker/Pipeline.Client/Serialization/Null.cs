namespace Pipeline.Client.Serialization;

/// <summary>The key or value type of records whose key or value is always null.</summary>
public sealed class Null
{
    private Null()
    {
    }
}
