using Pipeline.Connect.Api.Config;

namespace Pipeline.Connect.Api.Transforms;

/// <summary>
/// A single message transform: changes one record at a time (or drops it by returning null).
/// Chained by a connector's <c>transforms</c> setting and optionally gated by a predicate.
/// Must not keep state across records that would break when records are retried.
/// </summary>
public interface ITransformation : IDisposable
{
    /// <summary>The settings this transform accepts.</summary>
    ConfigDef Config { get; }

    /// <summary>Configures with the transform's properties (<c>transforms.NAME.</c> prefix removed).</summary>
    void Configure(IReadOnlyDictionary<string, string> configs);

    /// <summary>The transformed record, or null to drop it.</summary>
    ConnectRecord? Apply(ConnectRecord record);
}
