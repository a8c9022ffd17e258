namespace Pipeline.Protocol.Generator;

/// <summary>
/// Emits one message file: the message class with its fields, Read and Write, and one nested
/// class per struct. Wire rules are in section 1 of the protocol reference.
/// </summary>
public sealed partial class MessageEmitter
{
    private readonly MessageSpec _spec;
    private readonly CodeWriter _w = new();

    private MessageEmitter(MessageSpec spec)
    {
        _spec = spec;
    }

    public static string Emit(MessageSpec spec) => new MessageEmitter(spec).EmitFile();

    private SpecVersions Flexible => _spec.FlexibleVersions;

    private string EmitFile()
    {
        if (!_spec.FlexibleVersions.IsEmpty && _spec.FlexibleVersions.Highest != short.MaxValue)
        {
            throw new FormatException($"{_spec.Name}: flexible versions must be open-ended");
        }

        MessageGenerator.WriteFileHeader(_w, $"{_spec.Name}.json");
        _w.Line("using Pipeline.Protocol.Primitives;");
        _w.Line();
        _w.Line("namespace Pipeline.Protocol.Messages;");
        _w.Line();
        var iface = _spec.Type switch
        {
            "request" => "IRequestMessage",
            "response" => "IResponseMessage",
            _ => "IDataMessage",
        };
        _w.Open($"public sealed class {_spec.Name} : {iface}");
        if (_spec.IsApi)
        {
            _w.Line($"public const ApiKey Key = ApiKey.{_spec.ApiName};");
            _w.Line();
        }

        var flexibleLowest = Flexible.IsEmpty ? "short.MaxValue" : Flexible.Lowest.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _w.Line($"public const short LowestSupportedVersion = {_spec.ValidVersions.Lowest};");
        _w.Line();
        _w.Line($"public const short HighestSupportedVersion = {_spec.ValidVersions.Highest};");
        _w.Line();
        _w.Line($"/// <summary>Versions from this one on use the compact encoding and tagged fields; short.MaxValue = none.</summary>");
        _w.Line($"public const short LowestFlexibleVersion = {flexibleLowest};");
        _w.Line();
        if (_spec.IsApi)
        {
            _w.Line("ApiKey IApiMessage.ApiKey => Key;");
            _w.Line();
            _w.Line("short IApiMessage.LowestVersion => LowestSupportedVersion;");
            _w.Line();
            _w.Line("short IApiMessage.HighestVersion => HighestSupportedVersion;");
            _w.Line();
        }

        _w.Line("public static bool IsFlexible(short version) => version >= LowestFlexibleVersion;");
        EmitClassBody(_spec.Name, _spec.Fields, _spec.ValidVersions, top: true, needsIsDefault: false);
        foreach (var s in _spec.Structs)
        {
            _w.Line();
            _w.Open($"public sealed class {s.TypeName}");
            EmitClassBody(s.TypeName, s.Fields, s.Context, top: false, s.NeedsIsDefault);
            _w.Close();
        }

        _w.Close();
        return _w.ToString();
    }

    private void EmitClassBody(string className, IReadOnlyList<FieldSpec> fields, SpecVersions context, bool top, bool needsIsDefault)
    {
        var first = !top;
        foreach (var f in fields)
        {
            if (!first)
            {
                _w.Line();
            }

            first = false;
            if (f.About.Length > 0)
            {
                _w.Line($"/// <summary>{FieldTypes.XmlText(f.About)}</summary>");
            }

            var init = FieldTypes.Initializer(f);
            _w.Line($"public {FieldTypes.PropertyType(f)} {f.PropertyName} {{ get; set; }}{(init is null ? "" : $" = {init};")}");
        }

        if (!first)
        {
            _w.Line();
        }

        _w.Line("/// <summary>Tagged fields this version does not know, kept in tag order to be written back.</summary>");
        _w.Line("public List<RawTaggedField>? UnknownTaggedFields { get; set; }");
        _w.Line();
        EmitRead(className, fields, context, top);
        _w.Line();
        EmitWrite(className, fields, context, top);
        if (needsIsDefault)
        {
            _w.Line();
            EmitIsDefault(fields);
        }
    }

    private void EmitIsDefault(IReadOnlyList<FieldSpec> fields)
    {
        _w.Line("/// <summary>Whether every field holds its default (a tagged field of this type is then not sent).</summary>");
        _w.Line("internal bool EqualsDefault() =>");
        var parts = fields.Select(f => Parenthesize(FieldTypes.IsDefault(f))).ToList();
        parts.Add("(UnknownTaggedFields is null or { Count: 0 })");
        for (var i = 0; i < parts.Count; i++)
        {
            _w.Line($"    {(i == 0 ? "" : "&& ")}{parts[i]}{(i == parts.Count - 1 ? ";" : "")}");
        }
    }

    private static string Parenthesize(string expression) =>
        expression.Contains("||", StringComparison.Ordinal) || expression.Contains("&&", StringComparison.Ordinal) ? $"({expression})" : expression;

    /// <summary>Fields whose tagged form can occur in <paramref name="context"/>.</summary>
    private static List<FieldSpec> TaggedFields(IReadOnlyList<FieldSpec> fields, SpecVersions context) =>
        fields.Where(f => f.IsTagged && !f.TaggedVersions.Intersect(f.Versions).Intersect(context).IsEmpty)
            .OrderBy(f => f.Tag)
            .ToList();

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>The argument that selects the compact encoding for a positional field.</summary>
    private static string Compact(FieldSpec f, SpecVersions present)
    {
        if (f.FlexibleVersions is not { } own)
        {
            return "flexible";
        }

        return Conditions.InRange(own, present) switch
        {
            null => "true",
            "false" => "false",
            var c => $"({c})",
        };
    }
}
