using Pipeline.Avro.Schemas;

namespace Pipeline.Avro.Compatibility;

/// <summary>
/// Can data written with a writer schema be read with a reader schema? A port of the rules of
/// Java's <c>SchemaCompatibility.checkReaderWriterCompatibility</c>, which Confluent's registry
/// uses: names match by simple name or a reader alias equal to the writer's full name; promotions
/// int→long→float→double and string↔bytes; logical types, docs, orders, properties and default
/// values are ignored (only the presence of a default counts); a (reader, writer) pair already
/// under check is assumed compatible, so recursive types terminate. Every incompatibility is
/// reported with its location, in Java's order.
/// </summary>
public static class SchemaCompatibility
{
    public static SchemaCompatibilityResult CheckReaderWriter(Schema reader, Schema writer)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(writer);
        return new Checker().Check(reader, writer);
    }

    public static bool CanRead(Schema reader, Schema writer) => CheckReaderWriter(reader, writer).IsCompatible;

    private sealed class Checker
    {
        private static readonly SchemaCompatibilityResult InProgress = new([]);

        private readonly Dictionary<(Schema, Schema), SchemaCompatibilityResult> _memo = new(PairComparer.Instance);

        public SchemaCompatibilityResult Check(Schema reader, Schema writer) => Check("", reader, writer, []);

        private SchemaCompatibilityResult Check(string token, Schema reader, Schema writer, List<string> location)
        {
            location.Add(token);
            SchemaCompatibilityResult result;
            if (_memo.TryGetValue((reader, writer), out var memo))
            {
                // Recursion: assume compatible unless proven otherwise.
                result = ReferenceEquals(memo, InProgress) ? SchemaCompatibilityResult.Compatible : memo;
            }
            else
            {
                _memo[(reader, writer)] = InProgress;
                result = Calculate(reader, writer, location);
                _memo[(reader, writer)] = result;
            }

            location.RemoveAt(location.Count - 1);
            return result;
        }

        private SchemaCompatibilityResult Calculate(Schema reader, Schema writer, List<string> location)
        {
            var result = SchemaCompatibilityResult.Compatible;
            if (reader.Type == writer.Type)
            {
                switch (reader)
                {
                    case PrimitiveSchema:
                        return result;
                    case ArraySchema array:
                        return Check("items", array.Items, ((ArraySchema)writer).Items, location);
                    case MapSchema map:
                        return Check("values", map.Values, ((MapSchema)writer).Values, location);
                    case FixedSchema readerFixed:
                        result = CheckNames(readerFixed, (NamedSchema)writer, location);
                        return result.MergedWith(CheckFixedSize(readerFixed, (FixedSchema)writer, location));
                    case EnumSchema readerEnum:
                        result = CheckNames(readerEnum, (NamedSchema)writer, location);
                        return result.MergedWith(CheckEnumSymbols(readerEnum, (EnumSchema)writer, location));
                    case RecordSchema readerRecord:
                        result = CheckNames(readerRecord, (NamedSchema)writer, location);
                        return result.MergedWith(CheckFields(readerRecord, (RecordSchema)writer, location));
                    case UnionSchema readerUnion:
                        var writerUnion = (UnionSchema)writer;
                        for (var i = 0; i < writerUnion.Branches.Count; i++)
                        {
                            location.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                            if (!Check(readerUnion, writerUnion.Branches[i]).IsCompatible)
                            {
                                result = result.MergedWith(Incompatible(SchemaIncompatibilityType.MissingUnionBranch, reader, writer,
                                    $"reader union lacking writer type: {SchemaTypeNames.JavaName(writerUnion.Branches[i].Type)}", location));
                            }

                            location.RemoveAt(location.Count - 1);
                        }

                        return result;
                }
            }

            if (writer is UnionSchema writerBranches)
            {
                // Every branch of the writer union must be readable.
                for (var i = 0; i < writerBranches.Branches.Count; i++)
                {
                    result = result.MergedWith(Check(i.ToString(System.Globalization.CultureInfo.InvariantCulture), reader, writerBranches.Branches[i], location));
                }

                return result;
            }

            switch (reader.Type)
            {
                case SchemaType.Long when writer.Type == SchemaType.Int:
                case SchemaType.Float when writer.Type is SchemaType.Int or SchemaType.Long:
                case SchemaType.Double when writer.Type is SchemaType.Int or SchemaType.Long or SchemaType.Float:
                case SchemaType.Bytes when writer.Type == SchemaType.String:
                case SchemaType.String when writer.Type == SchemaType.Bytes:
                    return result;
                case SchemaType.Union:
                    foreach (var branch in ((UnionSchema)reader).Branches)
                    {
                        if (Check(branch, writer).IsCompatible)
                        {
                            return result;
                        }
                    }

                    return Incompatible(SchemaIncompatibilityType.MissingUnionBranch, reader, writer,
                        $"reader union lacking writer type: {SchemaTypeNames.JavaName(writer.Type)}", location);
                default:
                    return Incompatible(SchemaIncompatibilityType.TypeMismatch, reader, writer,
                        $"reader type: {SchemaTypeNames.JavaName(reader.Type)} not compatible with writer type: {SchemaTypeNames.JavaName(writer.Type)}", location);
            }
        }

        private SchemaCompatibilityResult CheckFields(RecordSchema reader, RecordSchema writer, List<string> location)
        {
            var result = SchemaCompatibilityResult.Compatible;
            location.Add("fields");
            foreach (var readerField in reader.Fields)
            {
                location.Add(readerField.Position.ToString(System.Globalization.CultureInfo.InvariantCulture));
                var writerFields = WriterFieldsFor(writer, readerField);
                if (writerFields.Count > 1)
                {
                    // Java throws here (AvroRuntimeException); Confluent reports the schemas as incompatible.
                    result = result.MergedWith(Incompatible(SchemaIncompatibilityType.TypeMismatch, readerField.Schema, writer,
                        $"reader field {readerField.Name} matches multiple fields in writer record schema {writer.FullName}", location));
                }
                else if (writerFields.Count == 0)
                {
                    if (!readerField.HasDefault)
                    {
                        if (readerField.Schema is EnumSchema { Default: not null })
                        {
                            // Java compares the enum with the writer record here, which yields a TYPE_MISMATCH.
                            result = result.MergedWith(Check("type", readerField.Schema, writer, location));
                        }
                        else
                        {
                            result = result.MergedWith(Incompatible(SchemaIncompatibilityType.ReaderFieldMissingDefaultValue, reader, writer, readerField.Name, location));
                        }
                    }
                }
                else
                {
                    result = result.MergedWith(Check("type", readerField.Schema, writerFields[0].Schema, location));
                }

                location.RemoveAt(location.Count - 1);
            }

            location.RemoveAt(location.Count - 1);
            return result;
        }

        /// <summary>Java's lookupWriterField: the writer field with the reader field's name, plus one per reader alias.</summary>
        private static List<Field> WriterFieldsFor(RecordSchema writer, Field readerField)
        {
            var found = new List<Field>(1);
            if (writer.GetField(readerField.Name) is { } direct)
            {
                found.Add(direct);
            }

            foreach (var alias in readerField.Aliases)
            {
                if (writer.GetField(alias) is { } aliased)
                {
                    found.Add(aliased);
                }
            }

            return found;
        }

        private static SchemaCompatibilityResult CheckEnumSymbols(EnumSchema reader, EnumSchema writer, List<string> location)
        {
            location.Add("symbols");
            var missing = writer.Symbols.Where(s => !reader.HasSymbol(s)).Distinct().Order(StringComparer.Ordinal).ToList();
            var result = SchemaCompatibilityResult.Compatible;
            if (missing.Count > 0 && !(reader.Default is not null && reader.HasSymbol(reader.Default)))
            {
                result = Incompatible(SchemaIncompatibilityType.MissingEnumSymbols, reader, writer, "[" + string.Join(", ", missing) + "]", location);
            }

            location.RemoveAt(location.Count - 1);
            return result;
        }

        private static SchemaCompatibilityResult CheckFixedSize(FixedSchema reader, FixedSchema writer, List<string> location)
        {
            location.Add("size");
            var result = reader.Size == writer.Size
                ? SchemaCompatibilityResult.Compatible
                : Incompatible(SchemaIncompatibilityType.FixedSizeMismatch, reader, writer, $"expected: {writer.Size}, found: {reader.Size}", location);
            location.RemoveAt(location.Count - 1);
            return result;
        }

        private static SchemaCompatibilityResult CheckNames(NamedSchema reader, NamedSchema writer, List<string> location)
        {
            location.Add("name");
            var result = reader.MatchesWriterName(writer)
                ? SchemaCompatibilityResult.Compatible
                : Incompatible(SchemaIncompatibilityType.NameMismatch, reader, writer, $"expected: {writer.FullName}", location);
            location.RemoveAt(location.Count - 1);
            return result;
        }

        private static SchemaCompatibilityResult Incompatible(SchemaIncompatibilityType type, Schema reader, Schema writer, string message, List<string> location) =>
            new([new SchemaIncompatibility(type, reader, writer, message, location.Skip(1).ToArray())]);
    }

    private sealed class PairComparer : IEqualityComparer<(Schema, Schema)>
    {
        public static readonly PairComparer Instance = new();

        public bool Equals((Schema, Schema) x, (Schema, Schema) y) => ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2);

        public int GetHashCode((Schema, Schema) obj) => HashCode.Combine(
            System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Item1),
            System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Item2));
    }
}
