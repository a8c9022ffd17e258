using Pipeline.Avro.Codecs;
using Pipeline.Avro.Codecs.Binary;
using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Resolution;

/// <summary>
/// Compiles a writer schema and a reader schema into a <see cref="Resolver"/> tree, following
/// Java's <c>Resolver</c> (spec §Schema Resolution):
/// <list type="bullet">
/// <item>writer union: each branch is resolved against the whole reader;</item>
/// <item>same type: primitives read with the reader's codec; enum and fixed need matching
/// names (simple name, or the writer's full name among the reader's aliases) and fixed equal
/// sizes; records are matched field by field (no name check, as Java);</item>
/// <item>reader union: Java's <c>firstMatchingBranch</c>: same type (named: same full name), else
/// a record branch whose fields resolve (preferring the same simple name), else the first branch
/// reachable by promotion; additionally an enum or fixed branch with the same simple name;</item>
/// <item>else a promotion, or an error that is raised only if data reaches it.</item>
/// </list>
/// </summary>
internal sealed class ResolverBuilder
{
    private readonly bool _logicalTypes;
    private readonly Dictionary<(Schema, Schema), Resolver> _records = new(PairComparer.Instance);

    private ResolverBuilder(bool logicalTypes) => _logicalTypes = logicalTypes;

    public static Resolver Build(Schema writer, Schema reader, bool logicalTypes) => new ResolverBuilder(logicalTypes).Resolve(writer, reader);

    private Resolver Resolve(Schema writer, Schema reader)
    {
        if (writer is UnionSchema writerUnion)
        {
            return new WriterUnionResolver(writerUnion.Branches.Select(b => Resolve(b, reader)).ToArray());
        }

        if (writer.Type == reader.Type)
        {
            switch (reader)
            {
                case PrimitiveSchema:
                    return new ReaderCodecResolver(Codec(reader));
                case FixedSchema readerFixed:
                    var writerFixed = (FixedSchema)writer;
                    if (!readerFixed.MatchesWriterName(writerFixed))
                    {
                        return Error(writer, reader, "names don't match");
                    }

                    return writerFixed.Size == readerFixed.Size ? new ReaderCodecResolver(Codec(reader)) : Error(writer, reader, "sizes don't match");
                case EnumSchema readerEnum:
                    var writerEnum = (EnumSchema)writer;
                    return readerEnum.MatchesWriterName(writerEnum)
                        ? new EnumResolver(writerEnum, readerEnum, (EnumCodec)CodecBuilder.For(readerEnum))
                        : Error(writer, reader, "names don't match");
                case ArraySchema readerArray:
                    var array = new ArrayResolver();
                    array.Items = Resolve(((ArraySchema)writer).Items, readerArray.Items);
                    return array;
                case MapSchema readerMap:
                    var map = new MapResolver();
                    map.Values = Resolve(((MapSchema)writer).Values, readerMap.Values);
                    return map;
                case RecordSchema readerRecord:
                    return ResolveRecord((RecordSchema)writer, readerRecord);
            }
        }

        if (reader is UnionSchema readerUnion)
        {
            var branch = FirstMatchingBranch(writer, readerUnion);
            return branch >= 0 ? Resolve(writer, readerUnion.Branches[branch]) : Error(writer, reader, "no matching union branch");
        }

        return PromoteResolver.IsValid(writer.Type, reader.Type)
            ? new PromoteResolver(writer.Type, reader.Type, Codec(reader))
            : Error(writer, reader, null);
    }

    private Resolver ResolveRecord(RecordSchema writer, RecordSchema reader)
    {
        if (_records.TryGetValue((writer, reader), out var existing))
        {
            return existing;
        }

        var result = new RecordResolver(reader);
        _records[(writer, reader)] = result;

        var matched = new bool[reader.Fields.Count];
        var steps = new (int, Resolver?, BinaryCodec?)[writer.Fields.Count];
        for (var i = 0; i < writer.Fields.Count; i++)
        {
            var writerField = writer.Fields[i];
            var readerField = ReaderFieldFor(reader, writerField.Name, matched);
            if (readerField is null)
            {
                steps[i] = (-1, null, CodecBuilder.For(writerField.Schema, logicalTypes: false));
                continue;
            }

            matched[readerField.Position] = true;
            steps[i] = (readerField.Position, Resolve(writerField.Schema, readerField.Schema), null);
        }

        var defaults = new List<(int, byte[], BinaryCodec)>();
        foreach (var readerField in reader.Fields)
        {
            if (matched[readerField.Position])
            {
                continue;
            }

            if (readerField.Default is not { } defaultJson)
            {
                var error = Error(writer, reader, $"missing required field {readerField.Name}");
                _records[(writer, reader)] = error;
                return error;
            }

            var rawValue = AvroJson.FromDefault(readerField.Schema, defaultJson, convertLogicalTypes: false);
            var bytes = new DatumWriter(readerField.Schema).ToBytes(rawValue);
            defaults.Add((readerField.Position, bytes, Codec(readerField.Schema)));
        }

        result.WriterSteps = steps;
        result.Defaults = [.. defaults];
        return result;
    }

    /// <summary>The reader field for a writer field name: same name, else a reader field listing it as an alias.</summary>
    private static Field? ReaderFieldFor(RecordSchema reader, string writerFieldName, bool[] matched)
    {
        if (reader.GetField(writerFieldName) is { } direct && !matched[direct.Position])
        {
            return direct;
        }

        foreach (var field in reader.Fields)
        {
            if (!matched[field.Position] && field.Aliases.Contains(writerFieldName))
            {
                return field;
            }
        }

        return null;
    }

    private int FirstMatchingBranch(Schema writer, UnionSchema reader)
    {
        var structureMatch = -1;
        var nameMatch = -1;
        for (var j = 0; j < reader.Branches.Count; j++)
        {
            var branch = reader.Branches[j];
            if (branch.Type != writer.Type)
            {
                continue;
            }

            if (writer is not NamedSchema writerNamed)
            {
                return j;
            }

            var branchNamed = (NamedSchema)branch;
            if (writerNamed.FullName == branchNamed.FullName || branchNamed.Aliases.Any(a => a.FullName == writerNamed.FullName))
            {
                return j;
            }

            if (writer is RecordSchema writerRecord && !HasMatchError(ResolveRecord(writerRecord, (RecordSchema)branch)))
            {
                if (structureMatch < 0 || writerNamed.Name.Name == branchNamed.Name.Name)
                {
                    structureMatch = j;
                }
            }
            else if (writer is not RecordSchema && nameMatch < 0 && branchNamed.MatchesWriterName(writerNamed))
            {
                nameMatch = j;
            }
        }

        if (structureMatch >= 0)
        {
            return structureMatch;
        }

        if (nameMatch >= 0)
        {
            return nameMatch;
        }

        for (var j = 0; j < reader.Branches.Count; j++)
        {
            if (PromoteResolver.IsValid(writer.Type, reader.Branches[j].Type))
            {
                return j;
            }
        }

        return -1;
    }

    private static bool HasMatchError(Resolver resolver) =>
        resolver is ErrorResolver || (resolver is RecordResolver record && record.WriterSteps.Any(s => s.Resolver is ErrorResolver));

    private BinaryCodec Codec(Schema schema) => CodecBuilder.For(schema, _logicalTypes);

    private static ErrorResolver Error(Schema writer, Schema reader, string? detail)
    {
        var message = $"found {Describe(writer)}, expecting {Describe(reader)}";
        return new ErrorResolver(detail is null ? message : $"{message}: {detail}");
    }

    private static string Describe(Schema schema) => schema switch
    {
        NamedSchema named => named.FullName,
        UnionSchema union => union.ToJson(),
        _ => schema.TypeName,
    };

    private sealed class PairComparer : IEqualityComparer<(Schema, Schema)>
    {
        public static readonly PairComparer Instance = new();

        public bool Equals((Schema, Schema) x, (Schema, Schema) y) => ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2);

        public int GetHashCode((Schema, Schema) obj) => HashCode.Combine(
            System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Item1),
            System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Item2));
    }
}
