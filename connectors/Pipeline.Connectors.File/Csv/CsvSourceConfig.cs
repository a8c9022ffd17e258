using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Data;

namespace Pipeline.Connectors.File.Csv;

/// <summary>The settings of <see cref="CsvSourceConnector"/>, parsed and checked across settings.</summary>
public sealed class CsvSourceConfig : AbstractConfig
{
    public const string Topic = "topic";
    public const string InputPath = "input.path";
    public const string FinishedPath = "finished.path";
    public const string ErrorPath = "error.path";
    public const string InputFilePattern = "input.file.pattern";
    public const string FileMinimumAgeMs = "file.minimum.age.ms";
    public const string CleanupPolicyConfig = "cleanup.policy";
    public const string HaltOnError = "halt.on.error";
    public const string BatchSize = "batch.size";
    public const string EmptyPollWaitMs = "empty.poll.wait.ms";
    public const string FirstRowAsHeader = "csv.first.row.as.header";
    public const string SeparatorChar = "csv.separator.char";
    public const string QuoteChar = "csv.quote.char";
    public const string EscapeChar = "csv.escape.char";
    public const string Mode = "csv.mode";
    public const string SkipLines = "csv.skip.lines";
    public const string TrimWhitespace = "csv.trim.whitespace";
    public const string NullFieldIndicator = "csv.null.field.indicator";
    public const string TimestampFormat = "csv.timestamp.format";
    public const string DateFormat = "csv.date.format";
    public const string TimeFormat = "csv.time.format";
    public const string FileEncoding = "file.encoding";
    public const string SchemaGenerationEnabled = "schema.generation.enabled";
    public const string ValueSchemaName = "value.schema.name";
    public const string KeySchemaName = "key.schema.name";
    public const string ValueSchemaConfig = "value.schema";
    public const string KeySchemaConfig = "key.schema";
    public const string KeyFields = "key.fields";

    // Set by the connector in each task's config to split the files between tasks.
    internal const string TaskIndex = "task.index";
    internal const string TaskCount = "task.count";

    private const string FileGroup = "Files";
    private const string CsvGroup = "CSV";
    private const string SchemaGroup = "Schema";

    public CsvSourceConfig(IReadOnlyDictionary<string, string> props)
        : base(ConfigDefinition, props)
    {
        TopicName = GetString(Topic)!;
        Input = GetString(InputPath)!;
        Finished = GetString(FinishedPath) is { Length: > 0 } f ? f : null;
        Error = GetString(ErrorPath) is { Length: > 0 } e ? e : null;
        FilePattern = new Regex("^(?:" + GetString(InputFilePattern) + ")$", RegexOptions.CultureInvariant);
        MinimumAge = TimeSpan.FromMilliseconds(GetLong(FileMinimumAgeMs));
        Cleanup = Enum.Parse<CleanupPolicy>(GetString(CleanupPolicyConfig)!, ignoreCase: true);
        Halt = GetBoolean(HaltOnError);
        Batch = GetInt(BatchSize);
        EmptyPollWait = TimeSpan.FromMilliseconds(GetLong(EmptyPollWaitMs));
        HasHeader = GetBoolean(FirstRowAsHeader);
        Skip = GetInt(SkipLines);
        Encoding = CsvChars.ParseEncoding(FileEncoding, GetString(FileEncoding));
        Nulls = NullIndicator.Parse(props.TryGetValue(NullFieldIndicator, out var n) ? n : null);
        TimestampPattern = GetString(TimestampFormat) is { Length: > 0 } ts ? ts : null;
        DatePattern = GetString(DateFormat)!;
        TimePattern = GetString(TimeFormat)!;
        GenerateSchema = GetBoolean(SchemaGenerationEnabled);
        ValueName = GetString(ValueSchemaName) is { Length: > 0 } vn ? vn : null;
        KeyName = GetString(KeySchemaName) is { Length: > 0 } kn ? kn : null;
        ValueSchema = GetString(ValueSchemaConfig) is { Length: > 0 } vs ? ConnectSchemaJson.ParseStruct(ValueSchemaConfig, vs) : null;
        KeySchema = GetString(KeySchemaConfig) is { Length: > 0 } ks ? ConnectSchemaJson.ParseStruct(KeySchemaConfig, ks) : null;
        Keys = GetList(KeyFields);
        ReaderOptions = new CsvReaderOptions
        {
            Separator = CsvChars.Parse(SeparatorChar, GetString(SeparatorChar)),
            Quote = CsvChars.Parse(QuoteChar, GetString(QuoteChar)),
            Escape = CsvChars.Parse(EscapeChar, GetString(EscapeChar)),
            Mode = GetString(Mode)!.ToUpperInvariant() switch
            {
                "ESCAPE" => CsvMode.Escape,
                "NO_ESCAPE" => CsvMode.NoEscape,
                _ => CsvMode.Rfc4180,
            },
            HasHeader = HasHeader,
            TrimWhitespace = GetBoolean(TrimWhitespace),
            AllowLineBreaksInQuotes = true,
            SkipEmptyLines = true,
            DetectSeparatorHint = false,
            FormatProvider = System.Globalization.CultureInfo.InvariantCulture,
            Encoding = CsvChars.IsUtf8(Encoding) ? null : Encoding,
        };
        TaskNumber = props.TryGetValue(TaskIndex, out var ti) && int.TryParse(ti, out var i) ? i : 0;
        TaskTotal = props.TryGetValue(TaskCount, out var tc) && int.TryParse(tc, out var c) && c > 0 ? c : 1;
        CheckAcross();
    }

    public static ConfigDef ConfigDefinition { get; } = new ConfigDef()
        .Define(Topic, ConfigType.String, ConfigDef.NoDefault, ConfigValidators.NonEmptyString, Importance.High, "The topic to write the rows to.", FileGroup, 0)
        .Define(InputPath, ConfigType.String, ConfigDef.NoDefault, ConfigValidators.NonEmptyString, Importance.High, "The directory to read files from.", FileGroup, 1)
        .Define(FinishedPath, ConfigType.String, null, null, Importance.High, "The directory finished files are moved to (cleanup.policy=MOVE). Created when missing.", FileGroup, 2)
        .Define(ErrorPath, ConfigType.String, null, null, Importance.High, "The directory files with a bad row are moved to when halt.on.error=false. Created when missing.", FileGroup, 3)
        .Define(InputFilePattern, ConfigType.String, ".*\\.csv", ConfigValidators.Of(CheckRegex, "a regular expression"), Importance.High, "A regular expression the whole file name must match.", FileGroup, 4)
        .Define(FileMinimumAgeMs, ConfigType.Long, 0L, ConfigValidators.AtLeast(0), Importance.Low, "Files last modified less than this many milliseconds ago are left alone (they may still be being written).", FileGroup, 5)
        .Define(CleanupPolicyConfig, ConfigType.String, "MOVE", ConfigValidators.CaseInsensitiveIn("MOVE", "DELETE", "NONE"), Importance.Medium, "What to do with a file once all its rows were written: MOVE to finished.path, DELETE, or NONE.", FileGroup, 6)
        .Define(HaltOnError, ConfigType.Boolean, true, null, Importance.High, "true: a row that does not parse fails the task (the message names the file and line). false: the file is moved to error.path, with a .error.txt beside it, and the task goes on with the next file.", FileGroup, 7)
        .Define(BatchSize, ConfigType.Int, 1000, ConfigValidators.AtLeast(1), Importance.Low, "The maximum number of rows returned by one poll.", FileGroup, 8)
        .Define(EmptyPollWaitMs, ConfigType.Long, 500L, ConfigValidators.AtLeast(0), Importance.Low, "How long a poll waits when there is no file to read.", FileGroup, 9)
        .Define(FirstRowAsHeader, ConfigType.Boolean, true, null, Importance.Medium, "Whether the first row (after csv.skip.lines) holds the column names.", CsvGroup, 0)
        .Define(SeparatorChar, ConfigType.String, ",", CsvChars.Validator, Importance.Medium, "The field separator: a character, \\t, or a character code (44).", CsvGroup, 1)
        .Define(QuoteChar, ConfigType.String, "\"", CsvChars.Validator, Importance.Low, "The quote character (csv.mode=RFC4180; a quote inside a quoted field is doubled).", CsvGroup, 2)
        .Define(EscapeChar, ConfigType.String, "\\", CsvChars.Validator, Importance.Low, "The escape character of csv.mode=ESCAPE.", CsvGroup, 3)
        .Define(Mode, ConfigType.String, "RFC4180", ConfigValidators.CaseInsensitiveIn("RFC4180", "ESCAPE", "NO_ESCAPE"), Importance.Low, "RFC4180 (quoted fields), ESCAPE (no quotes; the escape character makes the next character text) or NO_ESCAPE.", CsvGroup, 4)
        .Define(SkipLines, ConfigType.Int, 0, ConfigValidators.AtLeast(0), Importance.Low, "Lines to skip at the start of each file, before the header.", CsvGroup, 5)
        .Define(TrimWhitespace, ConfigType.Boolean, false, null, Importance.Low, "Whether spaces and tabs around unquoted values are removed.", CsvGroup, 6)
        .Define(NullFieldIndicator, ConfigType.String, "EMPTY_SEPARATORS", null, Importance.Low, "Which cells are null: EMPTY_SEPARATORS (an empty cell; EMPTY_QUOTES and BOTH are the same), NONE (empty strings stay empty), or any other text, such as NULL, read literally.", CsvGroup, 7)
        .Define(FileEncoding, ConfigType.String, "UTF-8", CsvChars.EncodingValidator, Importance.Low, "The encoding of the files (a byte order mark wins).", CsvGroup, 8)
        .Define(TimestampFormat, ConfigType.String, "", null, Importance.Low, "A .NET format for Timestamp columns; empty: ISO-8601 (UTC unless an offset is given) or epoch milliseconds.", CsvGroup, 9)
        .Define(DateFormat, ConfigType.String, "yyyy-MM-dd", null, Importance.Low, "A .NET format for Date columns.", CsvGroup, 10)
        .Define(TimeFormat, ConfigType.String, "HH:mm:ss.FFFFFFF", null, Importance.Low, "A .NET format for Time columns.", CsvGroup, 11)
        .Define(SchemaGenerationEnabled, ConfigType.Boolean, true, null, Importance.Medium, "When value.schema is not set: a struct of optional strings named after the header (column1, column2... without one).", SchemaGroup, 0)
        .Define(ValueSchemaName, ConfigType.String, null, null, Importance.Low, "The name of a generated value schema.", SchemaGroup, 1)
        .Define(KeySchemaName, ConfigType.String, null, null, Importance.Low, "The name of a key struct made from several key.fields.", SchemaGroup, 2)
        .Define(ValueSchemaConfig, ConfigType.String, null, null, Importance.Medium, "The value schema as Connect schema JSON (a struct of primitives and Decimal/Date/Time/Timestamp).", SchemaGroup, 3)
        .Define(KeySchemaConfig, ConfigType.String, null, null, Importance.Medium, "The key schema as Connect schema JSON; its fields are read from the columns of the same name.", SchemaGroup, 4)
        .Define(KeyFields, ConfigType.List, "", null, Importance.Medium, "Columns that make the key when key.schema is not set: one gives that value, several a struct.", SchemaGroup, 5);

    public string TopicName { get; }

    public string Input { get; }

    public string? Finished { get; }

    public string? Error { get; }

    public Regex FilePattern { get; }

    public TimeSpan MinimumAge { get; }

    public CleanupPolicy Cleanup { get; }

    public bool Halt { get; }

    public int Batch { get; }

    public TimeSpan EmptyPollWait { get; }

    public bool HasHeader { get; }

    public int Skip { get; }

    public Encoding Encoding { get; }

    internal NullIndicator Nulls { get; }

    public string? TimestampPattern { get; }

    public string DatePattern { get; }

    public string TimePattern { get; }

    public bool GenerateSchema { get; }

    public string? ValueName { get; }

    public string? KeyName { get; }

    public Schema? ValueSchema { get; }

    public Schema? KeySchema { get; }

    public IReadOnlyList<string> Keys { get; }

    public CsvReaderOptions ReaderOptions { get; }

    public int TaskNumber { get; }

    public int TaskTotal { get; }

    private void CheckAcross()
    {
        if (Cleanup == CleanupPolicy.Move && Finished is null)
        {
            throw new ConfigException(FinishedPath, null, "cleanup.policy=MOVE needs a finished.path");
        }

        if (!Halt && Error is null)
        {
            throw new ConfigException(ErrorPath, null, "halt.on.error=false needs an error.path");
        }

        if (ValueSchema is null && !GenerateSchema)
        {
            throw new ConfigException(ValueSchemaConfig, null, "Set value.schema or enable schema.generation.enabled");
        }

        if (ValueSchema is not null)
        {
            foreach (var k in Keys)
            {
                if (ValueSchema.Field(k) is null)
                {
                    throw new ConfigException(KeyFields, k, "Not a field of value.schema");
                }
            }
        }

        var options = ReaderOptions;
        if (options.Mode == CsvMode.Rfc4180 && options.Quote == options.Separator)
        {
            throw new ConfigException(QuoteChar, options.Quote.ToString(), "The quote and the separator must differ");
        }
    }

    private static void CheckRegex(string name, object? value)
    {
        try
        {
            _ = new Regex((string?)value ?? "", RegexOptions.CultureInvariant);
        }
        catch (ArgumentException e)
        {
            throw new ConfigException(name, value, "Not a valid regular expression: " + e.Message);
        }
    }
}
