namespace Pipeline.Connect.Api.Config;

/// <summary>The type of a config value and the .NET type it parses to.</summary>
public enum ConfigType
{
    /// <summary><see cref="bool"/>: "true" or "false", any case.</summary>
    Boolean,

    /// <summary><see cref="string"/>, trimmed.</summary>
    String,

    /// <summary><see cref="int"/>.</summary>
    Int,

    /// <summary><see cref="short"/>.</summary>
    Short,

    /// <summary><see cref="long"/>.</summary>
    Long,

    /// <summary><see cref="double"/>.</summary>
    Double,

    /// <summary><c>IReadOnlyList&lt;string&gt;</c>: comma-separated, each item trimmed; "" is the empty list.</summary>
    List,

    /// <summary>A type name, kept as a <see cref="string"/> (the runtime resolves it through its plugins).</summary>
    Class,

    /// <summary><see cref="Password"/>: a string that is never printed.</summary>
    Password,
}
