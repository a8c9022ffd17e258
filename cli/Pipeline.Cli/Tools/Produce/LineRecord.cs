using Pipeline.Client;

namespace Pipeline.Cli.Tools.Produce;

/// <summary>A parsed input line: UTF-8 key and value (null = Kafka null) and headers (null when none).</summary>
public sealed record LineRecord(byte[]? Key, byte[]? Value, Headers? Headers);
