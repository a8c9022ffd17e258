using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Errors;
using Pipeline.Connect.Api.Source;

namespace Pipeline.Connectors.File.Lines;

/// <summary>
/// Tails a file (or stdin) and emits each complete line as a string value with a null key. The
/// offset of a line is the byte position just after it, so a restart resumes exactly after the
/// last committed line. Runs on the task's thread only.
/// </summary>
public sealed class FileStreamSourceTask : SourceTask
{
    public const string FilenameField = "filename";
    public const string PositionField = "position";

    private string? _filename;
    private string _topic = "";
    private int _batchSize;
    private LineReader? _reader;
    private IReadOnlyDictionary<string, object?>? _partition;

    public override string Version => ConnectorVersion.Value;

    /// <summary>How long a poll waits when there is no new line (Kafka's task waits one second).</summary>
    internal TimeSpan IdleWait { get; set; } = TimeSpan.FromSeconds(1);

    public override void Start(IReadOnlyDictionary<string, string> props)
    {
        var config = new AbstractConfig(FileStreamSourceConfig.Definition, props);
        _filename = config.GetString(FileStreamSourceConfig.File) is { Length: > 0 } f ? f : null;
        _topic = config.GetString(FileStreamSourceConfig.Topic)!;
        _batchSize = config.GetInt(FileStreamSourceConfig.BatchSize);
        _partition = _filename is null ? null : new Dictionary<string, object?> { [FilenameField] = _filename };
    }

    public override async ValueTask<IReadOnlyList<SourceRecord>?> PollAsync(CancellationToken cancellationToken)
    {
        if (_reader is null && !TryOpen())
        {
            await IdleAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }

        var reader = _reader!;
        List<SourceRecord>? records = null;
        while (true)
        {
            while ((records?.Count ?? 0) < _batchSize && reader.TryReadLine(out var line))
            {
                records ??= new List<SourceRecord>(Math.Min(_batchSize, 256));
                var offset = _partition is null ? null : new Dictionary<string, object?> { [PositionField] = reader.Position };
                records.Add(new SourceRecord(_partition, offset, _topic, null, null, null, Schema.String, line, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
            }

            if (records is not null && records.Count >= _batchSize)
            {
                return records;
            }

            int n;
            try
            {
                n = await reader.FillAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw new ConnectException($"Error reading from {_filename ?? "stdin"}: {e.Message}", e);
            }

            if (n == 0)
            {
                if (records is not null)
                {
                    return records;
                }

                await IdleAsync(cancellationToken).ConfigureAwait(false);
                return null;
            }
        }
    }

    public override void Stop()
    {
        _reader?.Dispose();
        _reader = null;
    }

    private bool TryOpen()
    {
        if (_filename is null)
        {
            _reader = new LineReader(Console.OpenStandardInput(), 0);
            return true;
        }

        System.IO.FileStream stream;
        try
        {
            stream = new System.IO.FileStream(_filename, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // Kafka's task waits for the file to appear.
            return false;
        }

        long position = 0;
        var offset = Context.OffsetStorageReader.Offset(_partition!);
        if (offset is not null && offset.TryGetValue(PositionField, out var stored))
        {
            if (!OffsetValues.TryGetLong(stored, out position) || position < 0)
            {
                stream.Dispose();
                throw new ConnectException($"Offset position is the incorrect type: {stored}");
            }

            stream.Seek(position, SeekOrigin.Begin);
        }

        _reader = new LineReader(stream, position);
        return true;
    }

    private async Task IdleAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(IdleWait, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // A stop or pause: return to the runtime without an error.
        }
    }
}
