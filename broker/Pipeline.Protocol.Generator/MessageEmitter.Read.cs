namespace Pipeline.Protocol.Generator;

public sealed partial class MessageEmitter
{
    private void EmitRead(string className, IReadOnlyList<FieldSpec> fields, SpecVersions context, bool top)
    {
        var body = new CodeWriter();
        if (top)
        {
            body.Open("if (version < LowestSupportedVersion || version > HighestSupportedVersion)");
            body.Line($"MessageSupport.ThrowUnsupportedReadVersion(nameof({className}), version);");
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

            fieldCode.If(Conditions.InRange(f.PositionalVersions, context), () => ReadValue(fieldCode, className, f, "reader", Compact(f, present), present));
        }

        var hasTaggedSection = !context.Intersect(Flexible).IsEmpty;
        if (hasTaggedSection)
        {
            fieldCode.If(Conditions.InRange(Flexible, context), () => ReadTaggedSection(fieldCode, className, fields, context));
        }

        if (fieldCode.Contains("flexible"))
        {
            body.Line("var flexible = IsFlexible(version);");
        }

        body.Append(fieldCode);
        _w.Open("public void Read(ref ProtocolReader reader, short version)");
        _w.Append(body);
        _w.Close();
    }

    private void ReadTaggedSection(CodeWriter w, string className, IReadOnlyList<FieldSpec> fields, SpecVersions context)
    {
        var tagged = TaggedFields(fields, context);
        if (tagged.Count == 0)
        {
            w.Line("UnknownTaggedFields = MessageSupport.ReadTaggedFields(ref reader);");
            return;
        }

        w.Line("var tagCount = reader.ReadUnsignedVarInt();");
        w.Open("for (var tagIndex = 0u; tagIndex < tagCount; tagIndex++)");
        w.Line("var tag = reader.ReadUnsignedVarInt();");
        w.Line("var size = (int)reader.ReadUnsignedVarInt();");
        w.Open("switch (tag)");
        var taggedContext = context.Intersect(Flexible);
        foreach (var f in tagged)
        {
            var present = f.TaggedVersions.Intersect(f.Versions).Intersect(taggedContext);
            var when = Conditions.InRange(present, taggedContext);
            w.Line($"case {f.Tag}{(when is null ? "" : $" when {when}")}:");
            w.Open();
            w.Line("var tagged = reader.Slice(size);");
            ReadValue(w, className, f, "tagged", "true", present);
            w.Line("break;");
            w.Close();
        }

        w.Line("default:");
        w.Line("    (UnknownTaggedFields ??= new List<RawTaggedField>()).Add(new RawTaggedField((int)tag, reader.ReadRaw(size)));");
        w.Line("    break;");
        w.Close();
        w.Close();
    }

    /// <summary>Reads one field value from <paramref name="reader"/> into its property.</summary>
    private static void ReadValue(CodeWriter w, string className, FieldSpec f, string reader, string compact, SpecVersions present)
    {
        var p = f.PropertyName;
        var nullable = Conditions.InRange(f.NullableVersions, present);
        var nullableNever = f.NullableVersions.Intersect(present).IsEmpty;
        var nullError = $"\"{className}.{p} is null in a version where it cannot be\"";
        if (f.Type.IsArray)
        {
            var count = Camel(p) + "Count";
            var list = Camel(p) + "List";
            w.Line($"var {count} = {reader}.ReadArrayLength({compact});");
            w.Open($"if ({count} < 0)");
            if (nullableNever)
            {
                w.Line($"ThrowHelper.ThrowMalformed({nullError});");
            }
            else
            {
                if (nullable is not null)
                {
                    w.If(Conditions.Not(nullable), () => w.Line($"ThrowHelper.ThrowMalformed({nullError});"));
                }

                w.Line($"{p} = null;");
            }

            w.Close();
            if (!nullableNever)
            {
                w.Open("else");
            }

            w.Line($"var {list} = MessageSupport.ListFor({p}, {count});");
            w.Open($"for (var i = 0; i < {count}; i++)");
            if (f.Type.IsStruct)
            {
                w.Line($"var item = new {FieldTypes.ElementType(f)}();");
                w.Line($"item.Read(ref {reader}, version);");
                w.Line($"{list}.Add(item);");
            }
            else
            {
                w.Line($"{list}.Add({ReadScalar(f.Type.Kind, reader, compact, nullable: false)});");
            }

            w.Close();
            w.Line($"{p} = {list};");
            if (!nullableNever)
            {
                w.Close();
            }

            return;
        }

        switch (f.Type.Kind)
        {
            case TypeKind.Struct when !f.IsNullableType:
                w.Line($"{p}.Read(ref {reader}, version);");
                return;
            case TypeKind.Struct:
            {
                var value = Camel(p) + "Value";
                var isNull = nullableNever ? null : Conditions.And(nullable, $"{reader}.ReadInt8() < 0");
                if (isNull is not null)
                {
                    w.Open($"if ({isNull})");
                    w.Line($"{p} = null;");
                    w.Close();
                    w.Open("else");
                }

                w.Line($"var {value} = new {FieldTypes.ElementType(f)}();");
                w.Line($"{value}.Read(ref {reader}, version);");
                w.Line($"{p} = {value};");
                if (isNull is not null)
                {
                    w.Close();
                }

                return;
            }

            case TypeKind.Records:
                w.Line($"{p} = {reader}.ReadRecords({compact});");
                if (nullable is not null)
                {
                    var check = nullableNever ? $"{p}.IsNull" : $"{p}.IsNull && {Conditions.Not(nullable)}";
                    w.If(check, () => w.Line($"ThrowHelper.ThrowMalformed({nullError});"));
                }

                return;
            case TypeKind.String or TypeKind.Bytes when !nullableNever && nullable is not null:
                w.Line($"{p} = {nullable} ? {ReadScalar(f.Type.Kind, reader, compact, nullable: true)} : {ReadScalar(f.Type.Kind, reader, compact, nullable: false)};");
                return;
            default:
                w.Line($"{p} = {ReadScalar(f.Type.Kind, reader, compact, nullable: !nullableNever)};");
                return;
        }
    }

    private static string ReadScalar(TypeKind kind, string reader, string compact, bool nullable) => kind switch
    {
        TypeKind.Bool => $"{reader}.ReadBool()",
        TypeKind.Int8 => $"{reader}.ReadInt8()",
        TypeKind.Int16 => $"{reader}.ReadInt16()",
        TypeKind.UInt16 => $"{reader}.ReadUInt16()",
        TypeKind.Int32 => $"{reader}.ReadInt32()",
        TypeKind.Int64 => $"{reader}.ReadInt64()",
        TypeKind.Float64 => $"{reader}.ReadFloat64()",
        TypeKind.Uuid => $"{reader}.ReadUuid()",
        TypeKind.String => nullable ? $"{reader}.ReadNullableString({compact})" : $"{reader}.ReadString({compact})",
        TypeKind.Bytes => nullable ? $"{reader}.ReadNullableBytes({compact})" : $"{reader}.ReadBytes({compact})",
        _ => throw new InvalidOperationException(kind.ToString()),
    };
}
