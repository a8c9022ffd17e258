namespace Pipeline.Connect.Api.Data;

/// <summary>
/// The types of the Connect data model and the .NET type of their values:
/// <code>
/// Int8    sbyte          Float32  float       String  string        Array   IList (items of ValueSchema)
/// Int16   short          Float64  double      Bytes   byte[]        Map     IDictionary (KeySchema, ValueSchema)
/// Int32   int            Boolean  bool                              Struct  Struct
/// Int64   long
/// </code>
/// Logical types (<see cref="ConnectDecimal"/>, <see cref="ConnectDate"/>, <see cref="ConnectTime"/>,
/// <see cref="ConnectTimestamp"/>) are named schemas over Bytes, Int32 and Int64 whose values are
/// <c>decimal</c>, <c>DateOnly</c>, <c>TimeOnly</c> and <c>DateTimeOffset</c>.
/// </summary>
public enum SchemaType
{
    /// <summary>A signed 8-bit integer (<c>sbyte</c>).</summary>
    Int8,

    /// <summary>A signed 16-bit integer (<c>short</c>).</summary>
    Int16,

    /// <summary>A signed 32-bit integer (<c>int</c>).</summary>
    Int32,

    /// <summary>A signed 64-bit integer (<c>long</c>).</summary>
    Int64,

    /// <summary>A 32-bit IEEE 754 number (<c>float</c>).</summary>
    Float32,

    /// <summary>A 64-bit IEEE 754 number (<c>double</c>).</summary>
    Float64,

    /// <summary>A boolean (<c>bool</c>).</summary>
    Boolean,

    /// <summary>A Unicode string (<c>string</c>).</summary>
    String,

    /// <summary>A byte sequence (<c>byte[]</c>).</summary>
    Bytes,

    /// <summary>An ordered list of values of one schema (<c>IList</c>).</summary>
    Array,

    /// <summary>Keys of one schema mapped to values of another (<c>IDictionary</c>).</summary>
    Map,

    /// <summary>Ordered named fields, each with its own schema (<see cref="Data.Struct"/>).</summary>
    Struct,
}
