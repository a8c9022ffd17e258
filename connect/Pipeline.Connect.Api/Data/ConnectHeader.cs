namespace Pipeline.Connect.Api.Data;

/// <summary>One record header in the Connect data model: a key, and a value with an optional schema.</summary>
/// <param name="Key">The header key; keys may repeat within a record.</param>
/// <param name="Schema">The value's schema, or null for a schemaless value.</param>
/// <param name="Value">The value in the Connect data model.</param>
public sealed record ConnectHeader(string Key, Schema? Schema, object? Value)
{
    /// <summary>The same value under another key.</summary>
    public ConnectHeader Rename(string key) => this with { Key = key };

    /// <summary>The same key with another schema and value.</summary>
    public ConnectHeader With(Schema? schema, object? value) => this with { Schema = schema, Value = value };
}
