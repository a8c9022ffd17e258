namespace Pipeline.Connect.Runtime.Converters.Avro;

/// <summary>The names and properties Confluent's AvroData uses to carry Connect metadata in Avro schemas.</summary>
internal static class AvroDataNames
{
    public const string Namespace = "io.confluent.connect.avro";
    public const string DefaultSchemaName = "ConnectDefault";
    public const string DefaultSchemaFullName = Namespace + "." + DefaultSchemaName;
    public const string MapEntryTypeName = "MapEntry";
    public const string KeyField = "key";
    public const string ValueField = "value";
    public const string UnionTypeName = Namespace + ".Union";
    public const string EnumTypeName = Namespace + ".Enum";
    public const string RecordDocParameter = Namespace + ".record.doc";

    public const string ConnectName = "connect.name";
    public const string ConnectDoc = "connect.doc";
    public const string ConnectVersion = "connect.version";
    public const string ConnectDefault = "connect.default";
    public const string ConnectParameters = "connect.parameters";
    public const string ConnectInternalType = "connect.internal.type";
    public const string ConnectType = "connect.type";
    public const string ConnectFixedSize = "connect.fixed.size";
    public const string DecimalPrecision = "connect.decimal.precision";
    public const int DecimalPrecisionDefault = 64;
}
