using Pipeline.Connect.Api.Data;

namespace Pipeline.Connectors.File.Csv;

/// <summary>What reading the next row of a file gave: a row (with its 1-based data row number), the end, or an error.</summary>
internal readonly record struct CsvRow(CsvRowKind Kind, long Row, object? Key, Struct? Value, string? Error)
{
    public static CsvRow End { get; } = new(CsvRowKind.End, 0, null, null, null);
}
