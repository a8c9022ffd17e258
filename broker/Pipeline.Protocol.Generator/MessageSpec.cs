namespace Pipeline.Protocol.Generator;

/// <summary>One parsed spec file.</summary>
public sealed class MessageSpec
{
    public required string Name { get; init; }

    /// <summary>"request", "response", "header" or "data".</summary>
    public required string Type { get; init; }

    public short? ApiKey { get; init; }

    public required SpecVersions ValidVersions { get; init; }

    public required SpecVersions FlexibleVersions { get; init; }

    public SpecVersions? DeprecatedVersions { get; init; }

    public bool LatestVersionUnstable { get; init; }

    public IReadOnlyList<string> Listeners { get; init; } = [];

    public required IReadOnlyList<FieldSpec> Fields { get; init; }

    /// <summary>Every struct of the file: inline ones in depth-first field order, then unused common ones.</summary>
    public required IReadOnlyList<StructSpec> Structs { get; init; }

    public bool IsApi => Type is "request" or "response";

    /// <summary>The ApiKey enum member: "ProduceRequest" -> "Produce".</summary>
    public string ApiName => Name.EndsWith("Request", StringComparison.Ordinal) ? Name[..^"Request".Length]
        : Name.EndsWith("Response", StringComparison.Ordinal) ? Name[..^"Response".Length] : Name;

    public override string ToString() => Name;
}
