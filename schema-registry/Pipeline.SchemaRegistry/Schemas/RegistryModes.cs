namespace Pipeline.SchemaRegistry.Schemas;

/// <summary>Names of <see cref="RegistryMode"/> as the REST API and the <c>_schemas</c> topic spell them.</summary>
public static class RegistryModes
{
    public static string Name(RegistryMode mode) => mode switch
    {
        RegistryMode.ReadWrite => "READWRITE",
        RegistryMode.ReadOnly => "READONLY",
        RegistryMode.ReadOnlyOverride => "READONLY_OVERRIDE",
        RegistryMode.Import => "IMPORT",
        RegistryMode.Forward => "FORWARD",
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };

    /// <summary>Case-insensitive (Java upper-cases before Enum.valueOf).</summary>
    public static bool TryParse(string? text, out RegistryMode mode)
    {
        mode = RegistryMode.ReadWrite;
        switch (text?.ToUpperInvariant())
        {
            case "READWRITE":
                mode = RegistryMode.ReadWrite;
                return true;
            case "READONLY":
                mode = RegistryMode.ReadOnly;
                return true;
            case "READONLY_OVERRIDE":
                mode = RegistryMode.ReadOnlyOverride;
                return true;
            case "IMPORT":
                mode = RegistryMode.Import;
                return true;
            case "FORWARD":
                mode = RegistryMode.Forward;
                return true;
            default:
                return false;
        }
    }

    public static bool IsImportOrForward(this RegistryMode mode) => mode is RegistryMode.Import or RegistryMode.Forward;

    public static bool IsReadOnly(this RegistryMode mode) => mode is RegistryMode.ReadOnly or RegistryMode.ReadOnlyOverride;
}
