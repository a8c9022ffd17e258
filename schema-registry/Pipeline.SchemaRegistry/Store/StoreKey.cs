namespace Pipeline.SchemaRegistry.Store;

/// <summary>
/// The key of a <c>_schemas</c> record. <see cref="Subject"/> is null for the global CONFIG and
/// MODE; <see cref="Version"/> is only used by SCHEMA keys, whose magic is 1 (0 for the others).
/// </summary>
public sealed record StoreKey(StoreKeyType Type, string? Subject = null, int Version = 0)
{
    public static StoreKey Noop { get; } = new(StoreKeyType.Noop);

    public static StoreKey ForSchema(string subject, int version) => new(StoreKeyType.Schema, subject, version);

    public static StoreKey ForConfig(string? subject) => new(StoreKeyType.Config, subject);

    public static StoreKey ForMode(string? subject) => new(StoreKeyType.Mode, subject);

    public static StoreKey ForDeleteSubject(string subject) => new(StoreKeyType.DeleteSubject, subject);

    public static StoreKey ForClearSubject(string? subject) => new(StoreKeyType.ClearSubject, subject);

    public override string ToString() => Type == StoreKeyType.Schema ? $"{{subject={Subject},version={Version}}}" : $"{Type}:{Subject}";
}
