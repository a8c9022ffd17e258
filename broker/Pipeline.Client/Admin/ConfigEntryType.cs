namespace Pipeline.Client.Admin;

/// <summary>The declared type of a config (DescribeConfigs v3+).</summary>
public enum ConfigEntryType : sbyte
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
