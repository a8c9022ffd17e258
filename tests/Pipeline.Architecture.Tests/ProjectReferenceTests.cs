using Xunit;

namespace Pipeline.Architecture.Tests;

/// <summary>Every .csproj in the repository follows the dependency arrows of DESIGN.md.</summary>
public sealed class ProjectReferenceTests
{
    [Fact]
    public void Repository_HasTheCoreProjects()
    {
        // Guards against a scan that finds nothing and so passes everything.
        var names = Repository.Projects.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("Pipeline.Protocol", names);
        Assert.Contains("Pipeline.Storage", names);
        Assert.Contains("Pipeline.Broker", names);
        Assert.Contains("Pipeline.Architecture.Tests", names);
    }

    [Fact]
    public void EveryProductProject_ReferencesOnlyWhatTheArrowsAllow()
    {
        var violations = new List<string>();
        foreach (var project in Repository.Projects)
        {
            if (DependencyRules.AllowedReferences(project) is not { } allowed)
            {
                continue;
            }

            foreach (var reference in project.References.Where(r => !allowed.Contains(r.Name)))
            {
                violations.Add($"{project.RelativePath} references {reference.Name} ({reference.RelativePath}); allowed: {(allowed.Count == 0 ? "none of ours" : string.Join(", ", allowed.Order()))}");
            }
        }

        Assert.True(violations.Count == 0, "Forbidden ProjectReferences (see DESIGN.md, Layout):\n" + string.Join("\n", violations));
    }

    [Fact]
    public void EveryProject_IsCoveredByTheRules()
    {
        var unknown = Repository.Projects.Where(p => !DependencyRules.IsKnown(p)).Select(p => p.RelativePath).ToList();

        Assert.True(unknown.Count == 0, "Projects without dependency rules (add their arrows to DependencyRules): " + string.Join(", ", unknown));
    }

    [Fact]
    public void NoProductProject_ReferencesTestCode()
    {
        var testProjects = Repository.Projects.Where(p => p.IsTestCode).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var violations = Repository.Projects
            .Where(p => !p.IsTestCode)
            .SelectMany(p => p.References.Where(r => testProjects.Contains(r.Name)).Select(r => $"{p.RelativePath} references {r.Name}"))
            .ToList();

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public void OnlyTestCode_ReferencesTheCliOrTheGenerator()
    {
        var violations = Repository.Projects
            .Where(p => !p.IsTestCode)
            .SelectMany(p => p.References.Where(r => DependencyRules.OnlyTestsMayReference.Contains(r.Name)).Select(r => $"{p.RelativePath} references {r.Name}"))
            .ToList();

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public void EveryProjectReference_PointsAtAnExistingProject()
    {
        var broken = Repository.Projects
            .SelectMany(p => p.References.Where(r => !r.Exists).Select(r => $"{p.RelativePath} -> {r.RelativePath}"))
            .ToList();

        Assert.True(broken.Count == 0, "ProjectReferences to missing files:\n" + string.Join("\n", broken));
    }

    [Fact]
    public void ProjectReferences_HaveNoCycle()
    {
        var graph = Repository.Projects.ToDictionary(p => p.Name, p => p.References.Select(r => r.Name).ToList(), StringComparer.Ordinal);
        var state = new Dictionary<string, bool>(StringComparer.Ordinal);
        var path = new List<string>();

        foreach (var name in graph.Keys)
        {
            var cycle = FindCycle(name, graph, state, path);
            Assert.True(cycle is null, $"reference cycle: {cycle}");
        }
    }

    [Fact]
    public void Rules_RejectTheArrowsDesignForbids()
    {
        // The rule table itself, against the sentences of DESIGN.md it encodes.
        Assert.DoesNotContain("Pipeline.Broker", Allowed("Pipeline.Client"));
        Assert.DoesNotContain("Pipeline.Storage", Allowed("Pipeline.Client"));
        Assert.Empty(Allowed("Pipeline.Protocol"));
        Assert.Equal(["Pipeline.Protocol"], Allowed("Pipeline.Storage"));
        Assert.Empty(Allowed("Pipeline.Connect.Api"));
        Assert.Equal(["Pipeline.Avro", "Pipeline.Connect.Api"], Allowed("Pipeline.Connectors.Postgres").Order());
        Assert.DoesNotContain("Pipeline.Broker", Allowed("Pipeline.Connect.Runtime"));
        Assert.DoesNotContain("Pipeline.Broker", Allowed("Pipeline.SchemaRegistry"));
        Assert.DoesNotContain("Pipeline.Client", Allowed("Pipeline.Broker"));
        Assert.Empty(Allowed("Pipeline.Protocol.Generator"));
        Assert.Null(DependencyRules.AllowedReferences(new ProjectFile("Pipeline.Cli", "cli/Pipeline.Cli/Pipeline.Cli.csproj", [], false)));
        Assert.Null(DependencyRules.AllowedReferences(new ProjectFile("Pipeline.Broker.Tests", "tests/Pipeline.Broker.Tests/Pipeline.Broker.Tests.csproj", [], false)));
    }

    private static IReadOnlySet<string> Allowed(string name) =>
        DependencyRules.AllowedReferences(new ProjectFile(name, $"src/{name}/{name}.csproj", [], false)) ?? throw new InvalidOperationException($"{name} is unconstrained");

    private static string? FindCycle(string name, Dictionary<string, List<string>> graph, Dictionary<string, bool> state, List<string> path)
    {
        if (state.TryGetValue(name, out var done))
        {
            return done ? null : string.Join(" -> ", path.SkipWhile(p => p != name).Append(name));
        }

        state[name] = false;
        path.Add(name);
        foreach (var next in graph.GetValueOrDefault(name) ?? [])
        {
            if (FindCycle(next, graph, state, path) is { } cycle)
            {
                return cycle;
            }
        }

        path.RemoveAt(path.Count - 1);
        state[name] = true;
        return null;
    }
}
