namespace Pipeline.Avro.Schemas;

/// <summary>The Avro types, in the order of Java's <c>Schema.Type</c>.</summary>
public enum SchemaType
{
    Record,
    Enum,
    Array,
    Map,
    Union,
    Fixed,
    String,
    Bytes,
    Int,
    Long,
    Float,
    Double,
    Boolean,
    Null,
}
