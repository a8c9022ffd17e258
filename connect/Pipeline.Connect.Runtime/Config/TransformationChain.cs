using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Runtime.Errors;
using Pipeline.Connect.Runtime.Plugins;

namespace Pipeline.Connect.Runtime.Config;

/// <summary>
/// A connector's <c>transforms</c>, in order, each behind its optional predicate. Applied on the
/// task thread; each stage runs through the error handler (stage TRANSFORMATION), and a stage that
/// returns null or fails under <c>errors.tolerance=all</c> ends the chain with null.
/// </summary>
public sealed class TransformationChain : IDisposable
{
    private readonly TransformationStage[] _stages;

    private TransformationChain(TransformationStage[] stages)
    {
        _stages = stages;
    }

    /// <summary>An empty chain: records pass unchanged.</summary>
    public static TransformationChain Empty { get; } = new([]);

    /// <summary>The stages in order.</summary>
    public IReadOnlyList<TransformationStage> Stages => _stages;

    /// <summary>
    /// Creates and configures every transform (with <c>transforms.$alias.*</c>, prefix removed) and
    /// predicate (<c>predicates.$alias.*</c>; a new instance per transform using it). Throws
    /// <see cref="ConfigException"/> naming the setting when a type is unknown or a plugin refuses its settings.
    /// </summary>
    public static TransformationChain Create(PluginRegistry plugins, ConnectorConfig config)
    {
        ArgumentNullException.ThrowIfNull(plugins);
        ArgumentNullException.ThrowIfNull(config);
        var stages = new List<TransformationStage>();
        try
        {
            foreach (var alias in config.Transforms)
            {
                stages.Add(CreateStage(plugins, config, alias));
            }
        }
        catch
        {
            foreach (var stage in stages)
            {
                stage.Dispose();
            }

            throw;
        }

        return new TransformationChain([.. stages]);
    }

    /// <summary>
    /// The record after every stage, or null when a stage dropped it or it failed and was skipped
    /// (then <see cref="ProcessingContext.Failed"/> is true).
    /// </summary>
    public ConnectRecord? Apply(ConnectRecord record, RetryWithToleranceOperator op, ProcessingContext ctx)
    {
        ArgumentNullException.ThrowIfNull(op);
        ArgumentNullException.ThrowIfNull(ctx);
        ConnectRecord? current = record;
        foreach (var stage in _stages)
        {
            current = op.Execute(ctx, Stage.Transformation, stage.Transformation.GetType(), (stage, current), static s => s.stage.Apply(s.current));
            if (current is null || ctx.Failed)
            {
                return null;
            }
        }

        return current;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var stage in _stages)
        {
            stage.Dispose();
        }
    }

    private static TransformationStage CreateStage(PluginRegistry plugins, ConnectorConfig config, string alias)
    {
        var prefix = $"{ConnectorConfigNames.Transforms}.{alias}.";
        var settings = config.TransformConfigs(alias);
        if (!settings.TryGetValue("type", out var type) || string.IsNullOrWhiteSpace(type))
        {
            throw new ConfigException(prefix + "type", null, $"Missing required configuration \"{prefix}type\" which has no default value.");
        }

        if (!plugins.TryResolve(type, PluginKind.Transformation, out var descriptor, out var error))
        {
            throw new ConfigException(prefix + "type", type, error);
        }

        var transformation = plugins.NewInstance<Api.Transforms.ITransformation>(descriptor);
        Api.Transforms.IPredicate? predicate = null;
        try
        {
            Configure(prefix + "type", type, () =>
            {
                using var scope = PluginRegistry.EnterContext(transformation);
                transformation.Configure(settings);
            });
            var negate = settings.TryGetValue("negate", out var n) && bool.TryParse(n?.Trim(), out var b) && b;
            if (settings.TryGetValue("predicate", out var predicateAlias) && !string.IsNullOrWhiteSpace(predicateAlias))
            {
                predicate = CreatePredicate(plugins, config, predicateAlias.Trim(), prefix);
            }

            return new TransformationStage(alias, transformation, predicate, negate);
        }
        catch
        {
            transformation.Dispose();
            predicate?.Dispose();
            throw;
        }
    }

    private static Api.Transforms.IPredicate CreatePredicate(PluginRegistry plugins, ConnectorConfig config, string alias, string transformPrefix)
    {
        if (!config.Predicates.Contains(alias, StringComparer.Ordinal))
        {
            throw new ConfigException(transformPrefix + "predicate", alias, $"Transformation is referencing a predicate '{alias}' that is not listed in '{ConnectorConfigNames.Predicates}'");
        }

        var prefix = $"{ConnectorConfigNames.Predicates}.{alias}.";
        var settings = config.PredicateConfigs(alias);
        if (!settings.TryGetValue("type", out var type) || string.IsNullOrWhiteSpace(type))
        {
            throw new ConfigException(prefix + "type", null, $"Missing required configuration \"{prefix}type\" which has no default value.");
        }

        if (!plugins.TryResolve(type, PluginKind.Predicate, out var descriptor, out var error))
        {
            throw new ConfigException(prefix + "type", type, error);
        }

        var predicate = plugins.NewInstance<Api.Transforms.IPredicate>(descriptor);
        try
        {
            Configure(prefix + "type", type, () =>
            {
                using var scope = PluginRegistry.EnterContext(predicate);
                predicate.Configure(settings);
            });
            return predicate;
        }
        catch
        {
            predicate.Dispose();
            throw;
        }
    }

    private static void Configure(string name, string type, Action configure)
    {
        try
        {
            configure();
        }
        catch (ConfigException)
        {
            throw;
        }
        catch (Exception e)
        {
            throw new ConfigException(name, type, $"The plugin refused its configuration: {e.Message}");
        }
    }
}
