using Pipeline.Protocol.Generator;
using Pipeline.Protocol.Messages;

namespace Pipeline.Protocol.Tests.Messages;

/// <summary>Maps each generated class (message or nested struct) and property to its spec field.</summary>
internal sealed class SpecIndex
{
    private readonly Dictionary<Type, Dictionary<string, FieldSpec>> _fields = [];

    private SpecIndex(IReadOnlyList<MessageSpec> specs)
    {
        var assembly = typeof(IDataMessage).Assembly;
        foreach (var spec in specs)
        {
            var type = assembly.GetType($"Pipeline.Protocol.Messages.{spec.Name}")
                ?? throw new InvalidOperationException($"no class for {spec.Name}");
            _fields[type] = spec.Fields.ToDictionary(f => f.PropertyName);
            foreach (var s in spec.Structs)
            {
                var nested = type.GetNestedType(s.TypeName) ?? throw new InvalidOperationException($"no class {spec.Name}.{s.TypeName}");
                _fields[nested] = s.Fields.ToDictionary(f => f.PropertyName);
            }
        }
    }

    private static readonly Lazy<SpecIndex?> Loaded = new(() => SpecLocator.Specs is { } specs ? new SpecIndex(specs) : null);

    /// <summary>Null when the spec folder is absent.</summary>
    public static SpecIndex? Instance => Loaded.Value;

    public FieldSpec Field(Type type, string property) =>
        _fields.TryGetValue(type, out var byName) && byName.TryGetValue(property, out var f)
            ? f
            : throw new InvalidOperationException($"{type.Name}.{property} is not in the specs");

    public int PropertyCount(Type type) => _fields[type].Count;
}
