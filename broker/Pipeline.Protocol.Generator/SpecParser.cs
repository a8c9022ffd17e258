using System.Globalization;
using System.Text.Json;

namespace Pipeline.Protocol.Generator;

/// <summary>
/// Reads one spec file (JSON with whole-line // comments) into a <see cref="MessageSpec"/>,
/// links struct references, and works out the versions each struct can appear in.
/// </summary>
public static class SpecParser
{
    private static readonly JsonDocumentOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static MessageSpec Parse(string json, string fileName)
    {
        using var doc = JsonDocument.Parse(json, Options);
        var root = doc.RootElement;
        var name = RequiredString(root, "name", fileName);
        try
        {
            return ParseRoot(root, name);
        }
        catch (Exception e) when (e is FormatException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"{fileName}: {e.Message}", e);
        }
    }

    private static MessageSpec ParseRoot(JsonElement root, string name)
    {
        var structs = new Dictionary<string, StructSpec>(StringComparer.Ordinal);
        var order = new List<StructSpec>();
        var common = new List<StructSpec>();
        if (root.TryGetProperty("commonStructs", out var commonArray))
        {
            foreach (var c in commonArray.EnumerateArray())
            {
                var s = new StructSpec { Name = RequiredString(c, "name", name), Fields = ParseFields(c.GetProperty("fields"), structs, name) };
                AddStruct(structs, s);
                common.Add(s);
            }
        }

        var fields = ParseFields(root.GetProperty("fields"), structs, name);
        var valid = SpecVersions.Parse(RequiredString(root, "validVersions", name));
        LinkAndOrder(fields, structs, order, valid, depth: 0);
        foreach (var c in common)
        {
            if (!order.Contains(c))
            {
                c.Context = valid;
                order.Add(c);
                LinkAndOrder(c.Fields, structs, order, valid, depth: 0);
            }
        }

        foreach (var field in fields.Concat(order.SelectMany(s => s.Fields)))
        {
            if (field.IsTagged && field.Type.IsStruct && !field.Type.IsArray)
            {
                MarkNeedsIsDefault(field.Struct!);
            }
        }

        return new MessageSpec
        {
            Name = name,
            Type = RequiredString(root, "type", name),
            ApiKey = root.TryGetProperty("apiKey", out var key) ? (short)ReadInt(key) : null,
            ValidVersions = valid,
            FlexibleVersions = SpecVersions.Parse(RequiredString(root, "flexibleVersions", name)),
            DeprecatedVersions = root.TryGetProperty("deprecatedVersions", out var dep) ? SpecVersions.Parse(dep.GetString()!) : null,
            LatestVersionUnstable = root.TryGetProperty("latestVersionUnstable", out var unstable) && ReadBool(unstable),
            Listeners = root.TryGetProperty("listeners", out var listeners)
                ? [.. listeners.EnumerateArray().Select(l => l.GetString()!)]
                : [],
            Fields = fields,
            Structs = order,
        };
    }

    private static void AddStruct(Dictionary<string, StructSpec> structs, StructSpec s)
    {
        if (!structs.TryAdd(s.Name, s))
        {
            throw new FormatException($"struct {s.Name} is defined twice");
        }
    }

    private static List<FieldSpec> ParseFields(JsonElement array, Dictionary<string, StructSpec> structs, string owner)
    {
        var result = new List<FieldSpec>();
        foreach (var f in array.EnumerateArray())
        {
            var fieldName = RequiredString(f, "name", owner);
            var type = FieldType.Parse(RequiredString(f, "type", fieldName));
            var versions = SpecVersions.Parse(RequiredString(f, "versions", fieldName));
            var tagged = f.TryGetProperty("taggedVersions", out var tv) ? SpecVersions.Parse(tv.GetString()!) : SpecVersions.None;
            int? tag = f.TryGetProperty("tag", out var t) ? ReadInt(t) : null;
            if ((tag is null) != tagged.IsEmpty)
            {
                throw new FormatException($"{fieldName}: tag and taggedVersions must come together");
            }

            if (!tagged.IsEmpty && tagged.Highest < versions.Highest)
            {
                throw new FormatException($"{fieldName}: tagged versions must run to the last version of the field");
            }

            var field = new FieldSpec
            {
                Name = fieldName,
                Type = type,
                Versions = versions,
                NullableVersions = f.TryGetProperty("nullableVersions", out var nv) ? SpecVersions.Parse(nv.GetString()!) : SpecVersions.None,
                TaggedVersions = tagged,
                Tag = tag,
                FlexibleVersions = f.TryGetProperty("flexibleVersions", out var fv) ? SpecVersions.Parse(fv.GetString()!) : null,
                Default = f.TryGetProperty("default", out var d) ? d.Clone() : null,
                About = f.TryGetProperty("about", out var about) ? about.GetString() ?? "" : "",
                Ignorable = f.TryGetProperty("ignorable", out var ig) && ReadBool(ig),
            };
            if (type.IsStruct && f.TryGetProperty("fields", out var inner))
            {
                var s = new StructSpec { Name = type.StructName!, Fields = ParseFields(inner, structs, fieldName) };
                AddStruct(structs, s);
                field.Struct = s;
            }

            result.Add(field);
        }

        return result;
    }

    /// <summary>
    /// Resolves struct references by name, lists structs in depth-first order of first use and
    /// widens each struct's version context by every place that uses it.
    /// </summary>
    private static void LinkAndOrder(IReadOnlyList<FieldSpec> fields, Dictionary<string, StructSpec> structs, List<StructSpec> order, SpecVersions context, int depth)
    {
        if (depth > 32)
        {
            throw new FormatException("structs nest too deeply (a cycle?)");
        }

        foreach (var field in fields)
        {
            if (!field.Type.IsStruct)
            {
                continue;
            }

            if (field.Struct is null)
            {
                field.Struct = structs.TryGetValue(field.Type.StructName!, out var s)
                    ? s
                    : throw new FormatException($"{field.Name}: unknown struct {field.Type.StructName}");
            }

            var st = field.Struct;
            if (!order.Contains(st))
            {
                order.Add(st);
            }

            var inner = field.Versions.Intersect(context);
            st.Context = st.Context.Hull(inner);
            LinkAndOrder(st.Fields, structs, order, inner, depth + 1);
        }
    }

    private static void MarkNeedsIsDefault(StructSpec s)
    {
        s.NeedsIsDefault = true;
        foreach (var f in s.Fields)
        {
            if (f.Type.IsStruct && !f.Type.IsArray && f.Struct is { NeedsIsDefault: false } inner)
            {
                MarkNeedsIsDefault(inner);
            }
        }
    }

    private static string RequiredString(JsonElement e, string key, string owner) =>
        e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()!
            : throw new FormatException($"{owner}: missing \"{key}\"");

    private static int ReadInt(JsonElement e) => e.ValueKind == JsonValueKind.Number
        ? e.GetInt32()
        : int.Parse(e.GetString()!, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static bool ReadBool(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => bool.Parse(e.GetString()!),
        _ => throw new FormatException($"expected a bool, got {e}"),
    };
}
