namespace Pipeline.Client.Serialization;

/// <summary>Which part of a record a serializer is working on.</summary>
public enum MessageComponentType
{
    Key,
    Value,
}
