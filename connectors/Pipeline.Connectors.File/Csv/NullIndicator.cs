namespace Pipeline.Connectors.File.Csv;

/// <summary>
/// Which cells read as null (<c>csv.null.field.indicator</c>). The spooldir names are accepted;
/// CsvHelper does not tell a quoted empty cell from an unquoted one, so EMPTY_QUOTES and BOTH mean
/// the same as EMPTY_SEPARATORS. Any other value is a literal text (e.g. <c>NULL</c> or <c>\N</c>).
/// </summary>
internal readonly record struct NullIndicator(bool EmptyIsNull, string? Text)
{
    public static NullIndicator Parse(string? value) => value switch
    {
        null or "" or "EMPTY_SEPARATORS" or "EMPTY_QUOTES" or "BOTH" => new(true, null),
        "NONE" => new(false, null),
        _ => new(false, value),
    };
}
