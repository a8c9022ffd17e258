using Pipeline.Connect.Api.Storage;
using Pipeline.Connect.Runtime.Config;
using Pipeline.Connect.Runtime.Plugins;

namespace Pipeline.Connect.Runtime.Worker;

/// <summary>A task's key, value and header converters, configured from the connector's settings over the worker's.</summary>
internal sealed class TaskConverters
{
    private TaskConverters(IConverter key, IConverter value, IHeaderConverter header)
    {
        Key = key;
        Value = value;
        Header = header;
    }

    public IConverter Key { get; }

    public IConverter Value { get; }

    public IHeaderConverter Header { get; }

    public static TaskConverters Create(PluginRegistry plugins, ConnectorConfig config)
    {
        var key = plugins.NewConverter(config.KeyConverterClass ?? throw new Api.Config.ConfigException(ConnectorConfigNames.KeyConverter, null, "No key converter is configured for the connector or the worker"));
        using (PluginRegistry.EnterContext(key))
        {
            key.Configure(config.ConverterConfigs(ConnectorConfigNames.KeyConverter + "."), isKey: true);
        }

        var value = plugins.NewConverter(config.ValueConverterClass ?? throw new Api.Config.ConfigException(ConnectorConfigNames.ValueConverter, null, "No value converter is configured for the connector or the worker"));
        using (PluginRegistry.EnterContext(value))
        {
            value.Configure(config.ConverterConfigs(ConnectorConfigNames.ValueConverter + "."), isKey: false);
        }

        var header = plugins.NewHeaderConverter(config.HeaderConverterClass);
        using (PluginRegistry.EnterContext(header))
        {
            header.Configure(config.ConverterConfigs(ConnectorConfigNames.HeaderConverter + "."));
        }

        return new TaskConverters(key, value, header);
    }
}
