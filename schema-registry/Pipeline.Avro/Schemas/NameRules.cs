namespace Pipeline.Avro.Schemas;

/// <summary>
/// Which names are legal. Java's default parser (NameValidator.UTF_VALIDATOR) admits Unicode
/// letters and digits where the spec says [A-Za-z_][A-Za-z0-9_]*; we behave like Java.
/// </summary>
internal static class NameRules
{
    /// <summary>Null when valid, else why not (Java's wording).</summary>
    public static string? Check(string? name)
    {
        if (name is null)
        {
            return "null name";
        }

        if (name.Length == 0)
        {
            return "empty name";
        }

        if (!(char.IsLetter(name[0]) || name[0] == '_'))
        {
            return $"illegal initial character in name \"{name}\"";
        }

        for (var i = 1; i < name.Length; i++)
        {
            if (!(char.IsLetterOrDigit(name[i]) || name[i] == '_'))
            {
                return $"illegal character in name \"{name}\"";
            }
        }

        return null;
    }

    public static void Validate(string? name)
    {
        if (Check(name) is { } problem)
        {
            throw new AvroSchemaException(problem);
        }
    }

    /// <summary>Each dotted part of a full name must be a valid name.</summary>
    public static void ValidateFullName(SchemaName name)
    {
        if (name.Namespace is not null)
        {
            foreach (var part in name.Namespace.Split('.'))
            {
                if (Check(part) is { } problem)
                {
                    throw new AvroSchemaException($"namespace \"{name.Namespace}\" is invalid: {problem}");
                }
            }
        }

        Validate(name.Name);
        if (SchemaTypeNames.TryGetPrimitive(name.FullName, out _))
        {
            throw new AvroSchemaException($"schemas may not be named after primitives: \"{name.FullName}\"");
        }
    }
}
