namespace Pipeline.Protocol.Generator;

/// <summary>The scalar kinds a spec field (or an array element) can have.</summary>
public enum TypeKind
{
    Bool,
    Int8,
    Int16,
    UInt16,
    Int32,
    Int64,
    Float64,
    Uuid,
    String,
    Bytes,
    Records,
    Struct,
}
