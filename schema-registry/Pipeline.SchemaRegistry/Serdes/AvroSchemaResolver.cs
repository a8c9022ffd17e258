using System.Collections.Concurrent;
using Pipeline.Avro;
using Pipeline.Avro.Schemas;

namespace Pipeline.SchemaRegistry.Serdes;

/// <summary>
/// Turns registered schemas into Pipeline.Avro schemas: references are fetched by subject and
/// version (recursively, dependencies first) and parsed with the same parser, as Confluent's
/// deserializer does. Results are cached by id.
/// </summary>
internal sealed class AvroSchemaResolver(ISchemaRegistryClient client)
{
    private readonly ConcurrentDictionary<int, Schema> _byId = new();

    public async Task<Schema> ByIdAsync(int id, CancellationToken cancellationToken = default)
    {
        if (_byId.TryGetValue(id, out var cached))
        {
            return cached;
        }

        var registered = await client.GetSchemaByIdAsync(id, cancellationToken).ConfigureAwait(false);
        return _byId[id] = await ParseAsync(registered, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Schema> ParseAsync(RegisteredSchema registered, CancellationToken cancellationToken = default)
    {
        if (registered.SchemaType != "AVRO")
        {
            throw new InvalidDataException($"schema {registered.Id} is {registered.SchemaType}, not AVRO");
        }

        var parser = new SchemaParser();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await ParseReferencesAsync(parser, registered, seen, 0, cancellationToken).ConfigureAwait(false);
        try
        {
            return parser.Parse(registered.Schema);
        }
        catch (AvroSchemaException e)
        {
            throw new InvalidDataException($"schema {registered.Id} does not parse: {e.Message}", e);
        }
    }

    private async Task ParseReferencesAsync(SchemaParser parser, RegisteredSchema schema, HashSet<string> seen, int depth, CancellationToken cancellationToken)
    {
        if (depth > 64)
        {
            throw new InvalidDataException("schema references nest more than 64 levels deep");
        }

        foreach (var reference in schema.References)
        {
            if (!seen.Add(reference.Name))
            {
                continue;
            }

            var target = await client.GetSchemaAsync(reference.Subject, reference.Version, cancellationToken).ConfigureAwait(false);
            await ParseReferencesAsync(parser, target, seen, depth + 1, cancellationToken).ConfigureAwait(false);
            parser.Parse(target.Schema);
        }
    }
}
