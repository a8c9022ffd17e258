namespace Pipeline.SchemaRegistry.Tests.Fixtures;

/// <summary>One registry for a test class; each test uses its own subjects (<see cref="Subject"/>).</summary>
public sealed class SharedRegistry : IAsyncLifetime
{
    private RegistryHandle? _registry;

    public RegistryHandle Registry => _registry ?? throw new InvalidOperationException("not started");

    public static string Subject(string prefix = "s") => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public async Task InitializeAsync() => _registry = await RegistryHandle.StartAsync();

    public async Task DisposeAsync()
    {
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }
    }
}
