namespace Pipeline.Connect.Api.Config;

/// <summary>How much a user should care about a setting (shown by config validation).</summary>
public enum Importance
{
    /// <summary>Most users set it.</summary>
    High,

    /// <summary>Some users set it.</summary>
    Medium,

    /// <summary>Rarely changed.</summary>
    Low,
}
