using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Data;

namespace Pipeline.Connect.Api.Storage;

/// <summary>Turns Connect header values into header bytes and back.</summary>
public interface IHeaderConverter
{
    /// <summary>The settings this converter accepts.</summary>
    ConfigDef Config { get; }

    /// <summary>Configures with the converter's properties (prefix removed).</summary>
    void Configure(IReadOnlyDictionary<string, string> configs);

    /// <summary>The Connect value of a header's bytes.</summary>
    SchemaAndValue ToConnectHeader(string topic, string headerKey, byte[]? value);

    /// <summary>The bytes of a Connect header value.</summary>
    byte[]? FromConnectHeader(string topic, string headerKey, Schema? schema, object? value);
}
