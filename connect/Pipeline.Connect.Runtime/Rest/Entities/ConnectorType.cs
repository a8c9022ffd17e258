namespace Pipeline.Connect.Runtime.Rest.Entities;

/// <summary>The <c>type</c> strings of REST answers.</summary>
public static class ConnectorType
{
    /// <summary>A source connector.</summary>
    public const string Source = "source";

    /// <summary>A sink connector.</summary>
    public const string Sink = "sink";

    /// <summary>A connector whose plugin cannot be loaded.</summary>
    public const string Unknown = "unknown";
}
