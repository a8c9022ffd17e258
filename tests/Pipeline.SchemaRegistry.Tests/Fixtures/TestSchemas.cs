namespace Pipeline.SchemaRegistry.Tests.Fixtures;

/// <summary>Avro schema texts the tests register, in the compact form the registry stores them.</summary>
public static class TestSchemas
{
    public const string UserV1 = "{\"type\":\"record\",\"name\":\"User\",\"namespace\":\"test\",\"fields\":[{\"name\":\"name\",\"type\":\"string\"}]}";

    /// <summary>V1 plus a field with a default: compatible both ways.</summary>
    public const string UserV2 = "{\"type\":\"record\",\"name\":\"User\",\"namespace\":\"test\",\"fields\":[{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"age\",\"type\":\"int\",\"default\":0}]}";

    /// <summary>V1 plus a field without a default: not BACKWARD compatible with V1.</summary>
    public const string UserNoDefault = "{\"type\":\"record\",\"name\":\"User\",\"namespace\":\"test\",\"fields\":[{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"email\",\"type\":\"string\"}]}";

    public static string Record(string name, string field = "f", string type = "string") =>
        $"{{\"type\":\"record\",\"name\":\"{name}\",\"fields\":[{{\"name\":\"{field}\",\"type\":\"{type}\"}}]}}";
}
