using Pipeline.SchemaRegistry.Schemas;
using Pipeline.SchemaRegistry.Serdes;

namespace Pipeline.Connect.Runtime.Tests.Fixtures;

/// <summary>A registry client kept in memory (one id per distinct schema text, versions per subject) for converter unit tests.</summary>
public sealed class ConverterInMemoryRegistryClient : ISchemaRegistryClient
{
    private readonly Lock _lock = new();
    private readonly List<string> _schemas = [];
    private readonly Dictionary<string, List<int>> _subjects = [];

    public IReadOnlyDictionary<string, List<int>> Subjects => _subjects;

    public Task<int> RegisterSchemaAsync(string subject, string schema, IReadOnlyList<SchemaReference>? references = null, bool normalize = false, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var id = _schemas.IndexOf(schema) + 1;
            if (id == 0)
            {
                _schemas.Add(schema);
                id = _schemas.Count;
            }

            var versions = _subjects.TryGetValue(subject, out var list) ? list : _subjects[subject] = [];
            if (!versions.Contains(id))
            {
                versions.Add(id);
            }

            return Task.FromResult(id);
        }
    }

    public Task<RegisteredSchema> LookupSchemaAsync(string subject, string schema, IReadOnlyList<SchemaReference>? references = null, bool normalize = false, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var id = _schemas.IndexOf(schema) + 1;
            if (id == 0 || !_subjects.TryGetValue(subject, out var versions) || !versions.Contains(id))
            {
                throw new SchemaRegistryClientException(404, 40403, "Schema not found");
            }

            return Task.FromResult(new RegisteredSchema(id, schema, "AVRO", [], subject, versions.IndexOf(id) + 1));
        }
    }

    public Task<RegisteredSchema> GetSchemaByIdAsync(int id, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return id >= 1 && id <= _schemas.Count
                ? Task.FromResult(new RegisteredSchema(id, _schemas[id - 1], "AVRO", []))
                : throw new SchemaRegistryClientException(404, 40403, "Schema not found");
        }
    }

    public Task<RegisteredSchema> GetSchemaAsync(string subject, int version, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (!_subjects.TryGetValue(subject, out var versions))
            {
                throw new SchemaRegistryClientException(404, 40401, "Subject not found");
            }

            var index = version == -1 ? versions.Count - 1 : version - 1;
            var id = versions[index];
            return Task.FromResult(new RegisteredSchema(id, _schemas[id - 1], "AVRO", [], subject, index + 1));
        }
    }

    public Task<bool> IsCompatibleAsync(string subject, string schema, IReadOnlyList<SchemaReference>? references = null, CancellationToken cancellationToken = default) => Task.FromResult(true);

    public Task<IReadOnlyList<string>> GetSubjectsAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<string>>([.. _subjects.Keys]);
        }
    }

    public Task<IReadOnlyList<int>> GetVersionsAsync(string subject, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<int>>(Enumerable.Range(1, _subjects[subject].Count).ToArray());
        }
    }

    public Task<IReadOnlyList<int>> DeleteSubjectAsync(string subject, bool permanent = false, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public void Dispose()
    {
    }
}
