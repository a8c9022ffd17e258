using Microsoft.AspNetCore.Routing;
using Pipeline.SchemaRegistry.Rest;

namespace Pipeline.SchemaRegistry;

/// <summary>Maps the Confluent REST API of the registry registered with <see cref="SchemaRegistryServiceCollectionExtensions.AddSchemaRegistry"/>.</summary>
public static class SchemaRegistryEndpointRouteBuilderExtensions
{
    public static IEndpointRouteBuilder MapSchemaRegistryEndpoints(this IEndpointRouteBuilder routes)
    {
        RootEndpoints.Map(routes);
        SchemasEndpoints.Map(routes);
        SubjectsEndpoints.Map(routes);
        SubjectVersionsEndpoints.Map(routes);
        CompatibilityEndpoints.Map(routes);
        ConfigEndpoints.Map(routes);
        ModeEndpoints.Map(routes);
        return routes;
    }
}
