namespace Pipeline.Connect.Runtime.Converters;

/// <summary>Whether a plugin is listed as a key/value converter or as a header converter.</summary>
public enum ConverterKind
{
    Converter,
    HeaderConverter,
}
