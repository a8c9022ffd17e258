namespace Pipeline.Protocol.Messages;

/// <summary>
/// What the spec of one API says about its versions.
/// <paramref name="LowestFlexibleVersion"/> is short.MaxValue when no version is flexible;
/// <paramref name="DeprecatedVersions"/> is null when none are deprecated;
/// <paramref name="LatestVersionUnstable"/> means Kafka advertises the highest version only
/// with unstable.api.versions.enable=true.
/// </summary>
public sealed record ApiInfo(
    ApiKey Key,
    string Name,
    short LowestVersion,
    short HighestVersion,
    short LowestFlexibleVersion,
    VersionRange? DeprecatedVersions,
    bool LatestVersionUnstable,
    ApiListeners Listeners)
{
    public bool IsFlexible(short version) => version >= LowestFlexibleVersion;

    public bool IsSupported(short version) => version >= LowestVersion && version <= HighestVersion;
}
