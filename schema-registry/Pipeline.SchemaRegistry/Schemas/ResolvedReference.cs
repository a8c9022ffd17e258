namespace Pipeline.SchemaRegistry.Schemas;

/// <summary>A reference looked up in the registry: its name and the stored schema text it names (dependencies come before their dependents).</summary>
public sealed record ResolvedReference(string Name, string Schema);
