namespace Pipeline.Connect.Api;

/// <summary>A plugin that reports its version (shown by <c>GET /connector-plugins</c>).</summary>
public interface IVersioned
{
    /// <summary>The plugin's version string.</summary>
    string Version { get; }
}
