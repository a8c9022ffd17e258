namespace Pipeline.Client.Network;

/// <summary>What ApiVersions v3+ reports as client software (KIP-511); both must match [a-zA-Z0-9](?:[a-zA-Z0-9\-.]*[a-zA-Z0-9])?.</summary>
internal static class ClientSoftware
{
    public const string Name = "pipeline-dotnet";

    public const string Version = "0.1.0";
}
