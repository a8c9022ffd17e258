namespace Pipeline.Connect.Runtime.Converters;

/// <summary>How JsonConverter writes Decimal values (<c>decimal.format</c>); both forms are read back.</summary>
public enum DecimalFormat
{
    /// <summary>The unscaled two's-complement big-endian bytes as a base64 string (Kafka's default).</summary>
    Base64,

    /// <summary>A JSON number with the schema's scale, e.g. <c>10.50</c>.</summary>
    Numeric,
}
