namespace Pipeline.SchemaRegistry.Registry;

/// <summary>Confluent's subject validity rule (QualifiedSubject.isValidSubject): not empty, no control characters, not a reserved name.</summary>
public static class SubjectNames
{
    public static bool IsValid(string? subject)
    {
        if (string.IsNullOrEmpty(subject) || subject is "__GLOBAL" or "__EMPTY")
        {
            return false;
        }

        foreach (var c in subject)
        {
            if (char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }
}
