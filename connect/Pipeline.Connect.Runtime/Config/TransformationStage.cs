using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Transforms;

namespace Pipeline.Connect.Runtime.Config;

/// <summary>One transform of a chain with its optional predicate: applies when predicate XOR negate (always without a predicate).</summary>
public sealed class TransformationStage : IDisposable
{
    internal TransformationStage(string alias, ITransformation transformation, IPredicate? predicate, bool negate)
    {
        Alias = alias;
        Transformation = transformation;
        Predicate = predicate;
        Negate = negate;
    }

    /// <summary>The alias in <c>transforms</c>.</summary>
    public string Alias { get; }

    /// <summary>The configured transformation.</summary>
    public ITransformation Transformation { get; }

    /// <summary>The configured predicate, if any.</summary>
    public IPredicate? Predicate { get; }

    /// <summary><c>transforms.$alias.negate</c>.</summary>
    public bool Negate { get; }

    /// <summary>The transformed record, the record unchanged when the predicate says so, or null to drop it.</summary>
    public ConnectRecord? Apply(ConnectRecord record)
    {
        if (Predicate is not null && Predicate.Test(record) == Negate)
        {
            return record;
        }

        return Transformation.Apply(record);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Transformation.Dispose();
        Predicate?.Dispose();
    }
}
