using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.SchemaRegistry.Election;
using Pipeline.SchemaRegistry.Registry;
using Pipeline.SchemaRegistry.Rest;
using Pipeline.SchemaRegistry.Schemas;
using Pipeline.SchemaRegistry.Schemas.Avro;
using Pipeline.SchemaRegistry.Store;

namespace Pipeline.SchemaRegistry;

/// <summary>Registers the registry's services; <see cref="SchemaRegistryEndpointRouteBuilderExtensions.MapSchemaRegistryEndpoints"/> maps its REST API.</summary>
public static class SchemaRegistryServiceCollectionExtensions
{
    /// <summary>The store, the election, the schema providers (AVRO), the registry and the hosted service that starts them once the server listens.</summary>
    public static IServiceCollection AddSchemaRegistry(this IServiceCollection services, SchemaRegistryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddSingleton<RegistryState>();
        services.AddSingleton(sp => new KafkaStore(options, sp.GetRequiredService<RegistryState>(), Loggers(sp)));
        services.AddSingleton(sp => new LeaderElector(options, sp.GetRequiredService<KafkaStore>(), Loggers(sp)));
        services.AddSingleton<ILeaderStatus>(sp => sp.GetRequiredService<LeaderElector>());
        services.AddSingleton<ISchemaProvider, AvroSchemaProvider>();
        services.AddSingleton(sp => new KafkaSchemaRegistry(options, sp.GetRequiredService<KafkaStore>(), sp.GetRequiredService<ILeaderStatus>(), sp.GetServices<ISchemaProvider>(), Loggers(sp)));
        services.AddSingleton(_ => new LeaderForwarder(new HttpClient { Timeout = options.LeaderReadTimeout }));
        services.AddSingleton<SchemaRegistryLifecycle>();
        services.AddHostedService(sp => sp.GetRequiredService<SchemaRegistryLifecycle>());
        return services;
    }

    private static ILoggerFactory Loggers(IServiceProvider sp) => sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
}
