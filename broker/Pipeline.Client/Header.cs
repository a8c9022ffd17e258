namespace Pipeline.Client;

/// <summary>A record header: a UTF-8 key and a value that may be null.</summary>
public readonly record struct Header(string Key, byte[]? Value);
