namespace Pipeline.Connect.Api.Config;

/// <summary>A hint for UIs about the width of an input field.</summary>
public enum ConfigWidth
{
    /// <summary>No hint.</summary>
    None,

    /// <summary>A short value.</summary>
    Short,

    /// <summary>A medium value.</summary>
    Medium,

    /// <summary>A long value.</summary>
    Long,
}
