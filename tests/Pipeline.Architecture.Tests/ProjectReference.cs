namespace Pipeline.Architecture.Tests;

/// <summary>One ProjectReference: the referenced project's name, its path from the repository root, and whether that file exists.</summary>
public sealed record ProjectReference(string Name, string RelativePath, bool Exists);
