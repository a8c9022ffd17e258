namespace Pipeline.Protocol.Generator;

public sealed partial class MessageEmitter
{
    private void EmitWrite(string className, IReadOnlyList<FieldSpec> fields, SpecVersions context, bool top)
    {
        var body = new CodeWriter();
        if (top)
        {
            body.Open("if (version < LowestSupportedVersion || version > HighestSupportedVersion)");
            body.Line($"MessageSupport.ThrowUnsupportedWriteVersion(nameof({className}), version);");
            body.Close();
        }

        var fieldCode = new CodeWriter();
        foreach (var f in fields)
        {
            var present = f.PositionalVersions.Intersect(context);
            if (present.IsEmpty)
            {
                continue;
            }

            fieldCode.If(Conditions.InRange(f.PositionalVersions, context), () => WriteValue(fieldCode, f, Compact(f, present), present));
        }

        if (!context.Intersect(Flexible).IsEmpty)
        {
            fieldCode.If(Conditions.InRange(Flexible, context), () => WriteTaggedSection(fieldCode, fields, context));
        }

        if (fieldCode.Contains("flexible"))
        {
            body.Line("var flexible = IsFlexible(version);");
        }

        body.Append(fieldCode);
        _w.Open("public void Write(ProtocolWriter writer, short version)");
        _w.Append(body);
        _w.Close();
    }

    /// <summary>
    /// The tagged-field section: a count, then each tag that is present in this version and not
    /// at its default, merged in ascending tag order with the unknown tags that were read.
    /// </summary>
    private void WriteTaggedSection(CodeWriter w, IReadOnlyList<FieldSpec> fields, SpecVersions context)
    {
        var tagged = TaggedFields(fields, context);
        if (tagged.Count == 0)
        {
            w.Line("MessageSupport.WriteTaggedFields(writer, UnknownTaggedFields);");
            return;
        }

        var taggedContext = context.Intersect(Flexible);
        var tests = tagged.Select(f =>
        {
            var present = f.TaggedVersions.Intersect(f.Versions).Intersect(taggedContext);
            return (Field: f, Present: present, Test: Conditions.And(Conditions.InRange(present, taggedContext), FieldTypes.IsNotDefault(f))!);
        }).ToList();
        w.Line("var taggedCount = UnknownTaggedFields?.Count ?? 0;");
        foreach (var t in tests)
        {
            w.If(t.Test, () => w.Line("taggedCount++;"));
        }

        w.Line("writer.WriteUnsignedVarInt((uint)taggedCount);");
        w.Line("var unknownIndex = 0;");
        foreach (var t in tests)
        {
            w.Line($"MessageSupport.WriteTaggedFieldsBefore(writer, UnknownTaggedFields, {t.Field.Tag}, ref unknownIndex);");
            w.Open($"if ({t.Test})");
            w.Line($"writer.WriteUnsignedVarInt({t.Field.Tag});");
            w.Line("var mark = writer.BeginSizedValue();");
            WriteValue(w, t.Field, "true", t.Present);
            w.Line("writer.EndSizedValue(mark);");
            w.Close();
        }

        w.Line("MessageSupport.WriteRemainingTaggedFields(writer, UnknownTaggedFields, unknownIndex);");
    }

    /// <summary>Writes one property in the encoding of its type.</summary>
    private static void WriteValue(CodeWriter w, FieldSpec f, string compact, SpecVersions present)
    {
        var p = f.PropertyName;
        var nullable = Conditions.InRange(f.NullableVersions, present);
        var nullableNever = f.NullableVersions.Intersect(present).IsEmpty;
        var nonNull = $"MessageSupport.NonNull({p}, nameof({p}), version)";
        if (f.Type.IsArray || f.Type.IsStruct)
        {
            if (!f.IsNullableType)
            {
                WriteNonNull(w, f, p, compact);
                return;
            }

            if (nullableNever)
            {
                var value = Camel(p) + "Value";
                w.Line($"var {value} = {nonNull};");
                WriteNonNull(w, f, value, compact);
                return;
            }

            w.Open($"if ({p} is null)");
            if (nullable is not null)
            {
                w.If(Conditions.Not(nullable), () => w.Line($"MessageSupport.ThrowNull(nameof({p}), version);"));
            }

            w.Line(f.Type.IsArray ? $"writer.WriteNullArrayLength({compact});" : "writer.WriteInt8(-1);");
            w.Close();
            w.Open("else");
            if (!f.Type.IsArray)
            {
                w.If(nullable, () => w.Line("writer.WriteInt8(1);"));
            }

            WriteNonNull(w, f, p, compact);
            w.Close();
            return;
        }

        string Value(string ifNullable) => nullable switch
        {
            _ when !f.IsNullableType && f.Type.Kind != TypeKind.Records => p,
            _ when nullableNever => ifNullable,
            null => p,
            _ => $"{nullable} ? {p} : {ifNullable}",
        };

        switch (f.Type.Kind)
        {
            case TypeKind.String:
                w.Line(f.IsNullableType && !nullableNever
                    ? $"writer.WriteNullableString({Value(nonNull)}, {compact});"
                    : $"writer.WriteString({Value(nonNull)}, {compact});");
                return;
            case TypeKind.Bytes:
                w.Line(f.IsNullableType && !nullableNever
                    ? $"writer.WriteNullableBytes({Value(nonNull)}, {compact});"
                    : $"writer.WriteBytes({Value(nonNull)}, {compact});");
                return;
            case TypeKind.Records:
                w.Line($"writer.WriteRecords({Value($"MessageSupport.NonNull({p}, nameof({p}), version)")}, {compact});");
                return;
            default:
                w.Line($"writer.{WriteMethod(f.Type.Kind)}({p});");
                return;
        }
    }

    /// <summary>Writes a struct or array held in <paramref name="value"/>, known not to be null.</summary>
    private static void WriteNonNull(CodeWriter w, FieldSpec f, string value, string compact)
    {
        if (!f.Type.IsArray)
        {
            w.Line($"{value}.Write(writer, version);");
            return;
        }

        w.Line($"writer.WriteArrayLength({value}.Count, {compact});");
        w.Open($"foreach (var item in {value})");
        w.Line(f.Type.Kind switch
        {
            TypeKind.Struct => "item.Write(writer, version);",
            TypeKind.String => $"writer.WriteString(item, {compact});",
            var k => $"writer.{WriteMethod(k)}(item);",
        });
        w.Close();
    }

    private static string WriteMethod(TypeKind kind) => kind switch
    {
        TypeKind.Bool => "WriteBool",
        TypeKind.Int8 => "WriteInt8",
        TypeKind.Int16 => "WriteInt16",
        TypeKind.UInt16 => "WriteUInt16",
        TypeKind.Int32 => "WriteInt32",
        TypeKind.Int64 => "WriteInt64",
        TypeKind.Float64 => "WriteFloat64",
        TypeKind.Uuid => "WriteUuid",
        _ => throw new InvalidOperationException(kind.ToString()),
    };
}
