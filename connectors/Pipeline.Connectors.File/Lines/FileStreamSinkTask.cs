using System.Text;
using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Errors;
using Pipeline.Connect.Api.Sink;

namespace Pipeline.Connectors.File.Lines;

/// <summary>
/// Appends each record's value as one UTF-8 line (<c>null</c> for a null value, as Kafka prints it)
/// and flushes to disk on <see cref="FlushAsync"/>, so committed offsets only cover durable lines.
/// </summary>
public sealed class FileStreamSinkTask : SinkTask
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    private string? _filename;
    private Stream? _stream;
    private StreamWriter? _writer;

    public override string Version => ConnectorVersion.Value;

    public override void Start(IReadOnlyDictionary<string, string> props)
    {
        var config = new AbstractConfig(FileStreamSinkConfig.Definition, props);
        _filename = config.GetString(FileStreamSinkConfig.File) is { Length: > 0 } f ? f : null;
        try
        {
            _stream = _filename is null
                ? Console.OpenStandardOutput()
                : new System.IO.FileStream(_filename, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConnectException("Couldn't find or create file '" + _filename + "' for FileStreamSinkTask", e);
        }

        _writer = new StreamWriter(_stream, Utf8NoBom, bufferSize: 64 * 1024, leaveOpen: true) { NewLine = "\n", AutoFlush = false };
    }

    public override ValueTask PutAsync(IReadOnlyList<SinkRecord> records, CancellationToken cancellationToken)
    {
        var writer = _writer ?? throw new InvalidOperationException("the task was not started");
        for (var i = 0; i < records.Count; i++)
        {
            writer.Write(Text(records[i].Value));
            writer.Write('\n');
        }

        return default;
    }

    public override async ValueTask FlushAsync(IReadOnlyDictionary<TopicPartition, long> currentOffsets, CancellationToken cancellationToken)
    {
        if (_writer is null)
        {
            return;
        }

        await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (_stream is System.IO.FileStream file)
        {
            file.Flush(flushToDisk: true);
        }
        else
        {
            await _stream!.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public override void Stop()
    {
        _writer?.Flush();
        _writer?.Dispose();
        _writer = null;
        if (_filename is not null)
        {
            _stream?.Dispose();
        }

        _stream = null;
    }

    private static string Text(object? value) => value switch
    {
        null => "null",
        string s => s,
        byte[] b => Encoding.UTF8.GetString(b),
        _ => value.ToString() ?? "null",
    };
}
