using System.Globalization;

namespace Pipeline.SchemaRegistry.Registry;

/// <summary>Confluent's error codes and message texts (its Errors and Rest*Exception classes).</summary>
public static class RegistryErrors
{
    /// <summary>The incompatible-schema error code: Confluent answered 409 until late 2025 (40901 since); clients key off the status.</summary>
    public const int IncompatibleSchemaCode = 409;

    public static RegistryException SubjectNotFound(string? subject) => new(404, 40401, $"Subject '{subject}' not found.");

    public static RegistryException VersionNotFound(int version) => new(404, 40402, $"Version {version.ToString(CultureInfo.InvariantCulture)} not found.");

    public static RegistryException SchemaNotFound() => new(404, 40403, "Schema not found");

    public static RegistryException SchemaNotFound(int id) => new(404, 40403, $"Schema {id.ToString(CultureInfo.InvariantCulture)} not found");

    public static RegistryException SubjectSoftDeleted(string subject) =>
        new(404, 40404, $"Subject '{subject}' was soft deleted.Set permanent=true to delete permanently");

    public static RegistryException SubjectNotSoftDeleted(string subject) =>
        new(404, 40405, $"Subject '{subject}' was not deleted first before being permanently deleted");

    public static RegistryException VersionSoftDeleted(string subject, int version) =>
        new(404, 40406, $"Subject '{subject}' Version {version.ToString(CultureInfo.InvariantCulture)} was soft deleted.Set permanent=true to delete permanently");

    public static RegistryException VersionNotSoftDeleted(string subject, int version) =>
        new(404, 40407, $"Subject '{subject}' Version {version.ToString(CultureInfo.InvariantCulture)} was not deleted first before being permanently deleted");

    public static RegistryException SubjectCompatibilityNotConfigured(string subject) =>
        new(404, 40408, $"Subject '{subject}' does not have subject-level compatibility configured");

    public static RegistryException SubjectModeNotConfigured(string? subject) =>
        new(404, 40409, $"Subject '{subject}' does not have subject-level mode configured");

    public static RegistryException Incompatible(string subject, IReadOnlyList<string> messages) =>
        new(409, IncompatibleSchemaCode, $"Schema being registered is incompatible with an earlier schema for subject \"{subject}\", details: [{string.Join(", ", messages)}]");

    public static RegistryException InvalidSchema(string message) => new(422, 42201, message);

    public static RegistryException InvalidVersion(string version) =>
        new(422, 42202, $"The specified version '{version}' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");

    public static RegistryException InvalidCompatibilityLevel() =>
        new(422, 42203, "Invalid compatibility level. Valid values are none, backward, forward, full, backward_transitive, forward_transitive, and full_transitive");

    public static RegistryException InvalidMode(string message = "Invalid mode. Valid values are READWRITE, READONLY, IMPORT and FORWARD.") => new(422, 42204, message);

    public static RegistryException OperationNotPermitted(string message) => new(422, 42205, message);

    public static RegistryException ReferenceExists(string subject, int version) =>
        new(422, 42206, $"One or more references exist to the schema {{subject={subject},version={version.ToString(CultureInfo.InvariantCulture)}}}.");

    public static RegistryException IdDoesNotMatch(string message) => new(422, 42207, message);

    public static RegistryException InvalidSubject(string subject) => new(422, 42208, $"The specified subject '{subject}' is not a valid.");

    public static RegistryException SchemaTooLarge() => new(422, 42209, "Register operation failed because schema is too large");

    public static RegistryException Store(string message) => new(500, 50001, message);

    public static RegistryException Timeout(string message) => new(500, 50002, message);

    public static RegistryException ForwardingFailed(string message) => new(500, 50003, message);

    public static RegistryException UnknownLeader(string message) => new(500, 50004, message);
}
