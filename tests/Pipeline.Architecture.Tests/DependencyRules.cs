namespace Pipeline.Architecture.Tests;

/// <summary>
/// The dependency arrows of DESIGN.md as data: which of our projects each project may reference.
/// <code>
/// Protocol ← Storage ← Broker;  Protocol ← Client ← (Connect, SchemaRegistry, Cli)
/// Connect.Api depends on nothing of ours; a connector references only Connect.Api (and Avro).
/// Tests, benchmarks and the CLI may reference anything; only tests reference the CLI or the generator.
/// </code>
/// A project that is not in the table fails the test until its arrows are added here: a new
/// project is an architecture decision.
/// </summary>
public static class DependencyRules
{
    private const string ConnectorPrefix = "Pipeline.Connectors.";

    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Pipeline.Protocol"] = [],

        // The message generator reads the JSON specs; Protocol's tests use it to check the generated code.
        ["Pipeline.Protocol.Generator"] = [],
        ["Pipeline.Storage"] = ["Pipeline.Protocol"],

        // DESIGN.md places the metadata quorum beside the broker ("broker/Pipeline.Raft") without
        // drawing its arrow: it sits between Storage and the Broker that runs it.
        ["Pipeline.Raft"] = ["Pipeline.Protocol", "Pipeline.Storage"],
        ["Pipeline.Broker"] = ["Pipeline.Protocol", "Pipeline.Storage", "Pipeline.Raft"],
        ["Pipeline.Client"] = ["Pipeline.Protocol"],
        ["Pipeline.Avro"] = [],
        ["Pipeline.SchemaRegistry"] = ["Pipeline.Protocol", "Pipeline.Client", "Pipeline.Avro"],
        ["Pipeline.Connect.Api"] = [],

        // The Avro converter talks to the registry through its client and serdes, as Confluent's
        // converter does through the registry's client library.
        ["Pipeline.Connect.Runtime"] = ["Pipeline.Protocol", "Pipeline.Client", "Pipeline.Connect.Api", "Pipeline.Avro", "Pipeline.SchemaRegistry"],
    };

    /// <summary>Projects that may reference anything of ours: the CLI (it hosts every role).</summary>
    private static readonly HashSet<string> Unconstrained = new(StringComparer.Ordinal) { "Pipeline.Cli" };

    /// <summary>Programs, not libraries: only test code may reference them (each project's README).</summary>
    public static readonly IReadOnlySet<string> OnlyTestsMayReference = new HashSet<string>(StringComparer.Ordinal) { "Pipeline.Cli", "Pipeline.Protocol.Generator" };

    /// <summary>The projects <paramref name="project"/> may reference; null when it may reference anything.</summary>
    public static IReadOnlySet<string>? AllowedReferences(ProjectFile project)
    {
        if (project.IsTestCode || Unconstrained.Contains(project.Name))
        {
            return null;
        }

        if (project.Name.StartsWith(ConnectorPrefix, StringComparison.Ordinal))
        {
            return new HashSet<string>(["Pipeline.Connect.Api", "Pipeline.Avro"], StringComparer.Ordinal);
        }

        return Allowed.TryGetValue(project.Name, out var allowed) ? new HashSet<string>(allowed, StringComparer.Ordinal) : null;
    }

    /// <summary>True when the table (or a naming rule) says something about this project.</summary>
    public static bool IsKnown(ProjectFile project) =>
        project.IsTestCode || Unconstrained.Contains(project.Name) || project.Name.StartsWith(ConnectorPrefix, StringComparison.Ordinal) || Allowed.ContainsKey(project.Name);
}
