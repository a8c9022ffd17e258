using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Compatibility;

/// <summary>
/// Confluent's level semantics over a subject's history (oldest first): BACKWARD checks the new
/// schema as reader of the latest version, FORWARD the latest as reader of the new, FULL both;
/// the *_TRANSITIVE levels check every previous version (latest first, as Confluent), and NONE
/// checks nothing. All violations are returned; an empty list means compatible.
/// </summary>
public static class CompatibilityChecker
{
    public static IReadOnlyList<CompatibilityViolation> Check(CompatibilityLevel level, Schema newSchema, IReadOnlyList<Schema> previousSchemas)
    {
        ArgumentNullException.ThrowIfNull(newSchema);
        ArgumentNullException.ThrowIfNull(previousSchemas);
        var violations = new List<CompatibilityViolation>();
        if (level == CompatibilityLevel.None || previousSchemas.Count == 0)
        {
            return violations;
        }

        var transitive = level is CompatibilityLevel.BackwardTransitive or CompatibilityLevel.ForwardTransitive or CompatibilityLevel.FullTransitive;
        var backward = level is CompatibilityLevel.Backward or CompatibilityLevel.BackwardTransitive or CompatibilityLevel.Full or CompatibilityLevel.FullTransitive;
        var forward = level is CompatibilityLevel.Forward or CompatibilityLevel.ForwardTransitive or CompatibilityLevel.Full or CompatibilityLevel.FullTransitive;
        var oldest = transitive ? 0 : previousSchemas.Count - 1;
        for (var i = previousSchemas.Count - 1; i >= oldest; i--)
        {
            if (backward)
            {
                foreach (var incompatibility in SchemaCompatibility.CheckReaderWriter(newSchema, previousSchemas[i]).Incompatibilities)
                {
                    violations.Add(new CompatibilityViolation(incompatibility, i, CompatibilityDirection.NewReadsPrevious));
                }
            }

            if (forward)
            {
                foreach (var incompatibility in SchemaCompatibility.CheckReaderWriter(previousSchemas[i], newSchema).Incompatibilities)
                {
                    violations.Add(new CompatibilityViolation(incompatibility, i, CompatibilityDirection.PreviousReadsNew));
                }
            }
        }

        return violations;
    }

    public static bool IsCompatible(CompatibilityLevel level, Schema newSchema, IReadOnlyList<Schema> previousSchemas) =>
        Check(level, newSchema, previousSchemas).Count == 0;
}
