using Pipeline.Connect.Api.Config;

namespace Pipeline.Connect.Api.Transforms;

/// <summary>A condition on a record that decides whether a transform applies (<c>predicate</c>, <c>negate</c>).</summary>
public interface IPredicate : IDisposable
{
    /// <summary>The settings this predicate accepts.</summary>
    ConfigDef Config { get; }

    /// <summary>Configures with the predicate's properties (<c>predicates.NAME.</c> prefix removed).</summary>
    void Configure(IReadOnlyDictionary<string, string> configs);

    /// <summary>Whether the record matches.</summary>
    bool Test(ConnectRecord record);
}
