namespace Pipeline.Cli.Tools.Output;

/// <summary><c>--output table</c> (aligned text for people) or <c>--output json</c> (stable snake_case fields for scripts).</summary>
public enum OutputFormat
{
    Table,
    Json,
}
