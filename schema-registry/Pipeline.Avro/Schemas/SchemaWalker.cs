namespace Pipeline.Avro.Schemas;

/// <summary>Visits every schema reachable from a root once (named types are visited once even when recursive).</summary>
public static class SchemaWalker
{
    /// <summary>The named types in the schema in definition order (depth-first, left to right).</summary>
    public static IReadOnlyList<NamedSchema> NamedTypes(Schema root)
    {
        var result = new List<NamedSchema>();
        var seen = new HashSet<NamedSchema>(ReferenceEqualityComparer.Instance);
        Visit(root, result, seen);
        return result;
    }

    private static void Visit(Schema schema, List<NamedSchema> result, HashSet<NamedSchema> seen)
    {
        switch (schema)
        {
            case NamedSchema named when !seen.Add(named):
                return;
            case RecordSchema record:
                result.Add(record);
                if (record.HasFields)
                {
                    foreach (var field in record.Fields)
                    {
                        Visit(field.Schema, result, seen);
                    }
                }

                return;
            case NamedSchema named:
                result.Add(named);
                return;
            case ArraySchema array:
                Visit(array.Items, result, seen);
                return;
            case MapSchema map:
                Visit(map.Values, result, seen);
                return;
            case UnionSchema union:
                foreach (var branch in union.Branches)
                {
                    Visit(branch, result, seen);
                }

                return;
        }
    }
}
