namespace Pipeline.Connectors.File.Csv;

internal enum CsvRowKind
{
    Row,
    End,
    Error,
}
