using System.Text;
using CsvHelper;
using Pipeline.Connect.Api.Config;

namespace Pipeline.Connectors.File.Csv;

/// <summary>The settings of <see cref="CsvSinkConnector"/> (the runtime itself reads <c>topics</c>/<c>topics.regex</c>).</summary>
public sealed class CsvSinkConfig : AbstractConfig
{
    public const string OutputPath = "output.path";
    public const string OutputFilePrefix = "output.file.prefix";
    public const string OutputFileExtension = "output.file.extension";
    public const string SeparatorChar = "csv.separator.char";
    public const string WriteHeader = "csv.write.header";
    public const string NullFieldIndicator = "csv.null.field.indicator";
    public const string LineSeparator = "csv.line.separator";
    public const string QuoteAll = "csv.quote.all";
    public const string FileEncoding = "file.encoding";
    public const string RotateRowCount = "rotate.row.count";
    public const string RotateIntervalMs = "rotate.interval.ms";

    public CsvSinkConfig(IReadOnlyDictionary<string, string> props)
        : base(ConfigDefinition, props)
    {
        Output = GetString(OutputPath)!;
        Prefix = GetString(OutputFilePrefix) ?? "";
        Extension = GetString(OutputFileExtension) ?? ".csv";
        Header = GetBoolean(WriteHeader);
        Encoding = CsvChars.ParseEncoding(FileEncoding, GetString(FileEncoding));
        RotateRows = GetLong(RotateRowCount);
        RotateInterval = GetLong(RotateIntervalMs) is > 0 and var ms ? TimeSpan.FromMilliseconds(ms) : null;
        WriterOptions = new CsvWriterOptions
        {
            Separator = CsvChars.Parse(SeparatorChar, GetString(SeparatorChar)),
            NullValue = GetString(NullFieldIndicator) ?? "",
            NewLine = GetString(LineSeparator) switch
            {
                "CRLF" or "crlf" or "\r\n" => "\r\n",
                _ => "\n",
            },
            Quoting = GetBoolean(QuoteAll) ? CsvQuoting.Always : CsvQuoting.WhenNeeded,
            TrueValue = "true",
            FalseValue = "false",
            FormatProvider = System.Globalization.CultureInfo.InvariantCulture,
            ValidateFieldCount = true,
        };
    }

    public static ConfigDef ConfigDefinition { get; } = new ConfigDef()
        .Define(OutputPath, ConfigType.String, ConfigDef.NoDefault, ConfigValidators.NonEmptyString, Importance.High, "The directory the CSV files are written to (created when missing).")
        .Define(OutputFilePrefix, ConfigType.String, "", null, Importance.Medium, "Text put before every file name ({prefix}{topic}-{partition}-{first offset, 19 digits}{extension}).")
        .Define(OutputFileExtension, ConfigType.String, ".csv", null, Importance.Low, "The extension of finished files; open files end with it plus .tmp.")
        .Define(SeparatorChar, ConfigType.String, ",", CsvChars.Validator, Importance.Medium, "The field separator: a character, \\t, or a character code (44).")
        .Define(WriteHeader, ConfigType.Boolean, true, null, Importance.Medium, "Whether each file starts with a header row: the struct's field names, or the keys of the first map.")
        .Define(NullFieldIndicator, ConfigType.String, "", null, Importance.Low, "The text written for a null value (default: an empty field).")
        .Define(LineSeparator, ConfigType.String, "LF", ConfigValidators.CaseInsensitiveIn("LF", "CRLF"), Importance.Low, "The line ending: LF or CRLF.")
        .Define(QuoteAll, ConfigType.Boolean, false, null, Importance.Low, "Quote every field (otherwise only those containing the separator, a quote or a line break).")
        .Define(FileEncoding, ConfigType.String, "UTF-8", CsvChars.EncodingValidator, Importance.Low, "The encoding of the files written.")
        .Define(RotateRowCount, ConfigType.Long, 100_000L, ConfigValidators.AtLeast(0), Importance.Medium, "Close a file after this many rows (0: no limit). Offsets are committed for closed files only.")
        .Define(RotateIntervalMs, ConfigType.Long, 60_000L, null, Importance.Medium, "Close a file this long after its first row (checked on every put and commit; 0 or less: never).");

    public string Output { get; }

    public string Prefix { get; }

    public string Extension { get; }

    public bool Header { get; }

    public Encoding Encoding { get; }

    public long RotateRows { get; }

    public TimeSpan? RotateInterval { get; }

    public CsvWriterOptions WriterOptions { get; }
}
