using Pipeline.Connect.Api.Connectors;
using Pipeline.Connect.Api.Errors;
using Pipeline.Connect.Runtime.Config;
using Pipeline.Connect.Runtime.Plugins;

namespace Pipeline.Connect.Runtime.Worker;

/// <summary>Instantiates a plugin task from its <c>task.class</c>, looked up in the connector plugin's assembly (and load context).</summary>
internal static class TaskInstantiator
{
    /// <summary>The key the worker adds to every task config: the task's type name.</summary>
    public const string TaskClassConfig = "task.class";

    public static T Create<T>(PluginRegistry plugins, ConnectorConfig config, IReadOnlyDictionary<string, string> taskConfig)
        where T : class, ITask
    {
        var connectorType = config.Connector.Type;
        Type? type = null;
        if (taskConfig.TryGetValue(TaskClassConfig, out var taskClass) && !string.IsNullOrWhiteSpace(taskClass))
        {
            type = connectorType.Assembly.GetType(taskClass.Trim(), throwOnError: false);
        }

        if (type is null)
        {
            var connector = plugins.NewInstance<Connector>(config.Connector);
            type = connector.TaskType;
        }

        if (!typeof(T).IsAssignableFrom(type))
        {
            throw new ConnectException($"Task class {type.FullName} of connector {config.ConnectorClass} is not a {typeof(T).Name}");
        }

        using var scope = PluginRegistry.EnterContext(type);
        try
        {
            return (T)Activator.CreateInstance(type)!;
        }
        catch (System.Reflection.TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new ConnectException($"Failed to instantiate task {type.FullName}: {e.InnerException.Message}", e.InnerException);
        }
    }
}
