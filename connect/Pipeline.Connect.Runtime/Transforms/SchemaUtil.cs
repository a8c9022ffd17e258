using Pipeline.Connect.Api.Data;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>Schema copying shared by the transforms (Kafka's <c>SchemaUtil</c>).</summary>
internal static class SchemaUtil
{
    /// <summary>A builder of the same type as <paramref name="source"/> (with its item schemas) carrying its name, version, doc and parameters.</summary>
    public static SchemaBuilder CopySchemaBasics(Schema source)
    {
        var builder = source.Type switch
        {
            SchemaType.Array => SchemaBuilder.Array(source.ValueSchema!),
            SchemaType.Map => SchemaBuilder.Map(source.KeySchema!, source.ValueSchema!),
            _ => new SchemaBuilder(source.Type),
        };
        return CopySchemaBasics(source, builder);
    }

    /// <summary>Copies name, version, doc and parameters (not optionality, default or fields) onto <paramref name="builder"/>.</summary>
    public static SchemaBuilder CopySchemaBasics(Schema source, SchemaBuilder builder)
    {
        if (source.Name is not null)
        {
            builder.Name(source.Name);
        }

        if (source.Version is { } version)
        {
            builder.Version(version);
        }

        if (source.Doc is not null)
        {
            builder.Doc(source.Doc);
        }

        if (source.Parameters is { Count: > 0 } parameters)
        {
            builder.Parameters(parameters);
        }

        return builder;
    }

    /// <summary>Kafka's upper-case type name (INT32, STRUCT, ...).</summary>
    public static string TypeName(SchemaType type) => SchemaTypeNames.Of(type);

    /// <summary>True for the four logical type names of the Connect data model.</summary>
    public static bool IsLogical(Schema schema) => schema.Name is ConnectDecimal.LogicalName or ConnectDate.LogicalName or ConnectTime.LogicalName or ConnectTimestamp.LogicalName;
}
