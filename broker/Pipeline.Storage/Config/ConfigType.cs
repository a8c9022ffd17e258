namespace Pipeline.Storage.Config;

/// <summary>The <c>ConfigType</c> of DescribeConfigs v3+ (int8 on the wire, protocol reference 11.1).</summary>
public enum ConfigType : sbyte
{
    Unknown = 0,
    Boolean = 1,
    String = 2,
    Int = 3,
    Short = 4,
    Long = 5,
    Double = 6,
    List = 7,
    Class = 8,
    Password = 9,
}
