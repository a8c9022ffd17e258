using System.Collections;
using System.Text;
using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Data;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>
/// A field reference under KIP-821's <c>field.syntax.version</c>: V1 takes the name as is; V2
/// reads dots as nesting (<c>after.id</c>), with backticks quoting a step that contains dots
/// (<c>`a.b`.c</c>) and a backslash escaping a backtick inside quotes.
/// </summary>
internal sealed class FieldPath
{
    public const string SyntaxVersionConfig = "field.syntax.version";
    public const string SyntaxVersionDefault = "V1";

    private readonly string[] _steps;

    public FieldPath(string path, string syntaxVersion)
    {
        Path = path;
        _steps = string.Equals(syntaxVersion, "V2", StringComparison.OrdinalIgnoreCase) ? SplitV2(path) : [path];
    }

    public string Path { get; }

    public static ConfigDef DefineSyntaxVersion(ConfigDef definition) => definition.Define(
        SyntaxVersionConfig,
        ConfigType.String,
        SyntaxVersionDefault,
        ConfigValidators.CaseInsensitiveIn("V1", "V2"),
        Importance.High,
        "Defines the version of the syntax to access fields. If set to `V1`, then the field paths are limited to access the elements at the root level of the struct or map. If set to `V2`, the syntax will support accessing nested elements. To access nested elements, dotted notation is used. If dots are already included in the field name, then backtick pairs can be used to wrap field names containing dots.");

    /// <summary>The field at the end of the path, or null when a step is missing or not a struct.</summary>
    public Field? FieldFrom(Schema schema)
    {
        Field? field = null;
        var current = schema;
        foreach (var step in _steps)
        {
            if (current is null || current.Type != SchemaType.Struct)
            {
                return null;
            }

            field = current.Field(step);
            if (field is null)
            {
                return null;
            }

            current = field.Schema;
        }

        return field;
    }

    public object? ValueFrom(Struct value, bool replaceNullWithDefault)
    {
        var current = value;
        for (var i = 0; i < _steps.Length; i++)
        {
            var field = current.Schema.Field(_steps[i]);
            if (field is null)
            {
                return null;
            }

            var v = replaceNullWithDefault ? current.Get(field) : current.GetWithoutDefault(field.Name);
            if (i == _steps.Length - 1)
            {
                return v;
            }

            if (v is not Struct next)
            {
                return null;
            }

            current = next;
        }

        return null;
    }

    public object? ValueFrom(IDictionary map)
    {
        object? current = map;
        foreach (var step in _steps)
        {
            if (current is not IDictionary m)
            {
                return null;
            }

            current = Requirements.Lookup(m, step);
        }

        return current;
    }

    private static string[] SplitV2(string path)
    {
        var steps = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (quoted)
            {
                if (c == '\\' && i + 1 < path.Length && path[i + 1] == '`')
                {
                    sb.Append('`');
                    i++;
                }
                else if (c == '`' && (i + 1 == path.Length || path[i + 1] == '.'))
                {
                    quoted = false;
                }
                else
                {
                    sb.Append(c);
                }
            }
            else if (c == '`' && sb.Length == 0)
            {
                quoted = true;
            }
            else if (c == '.')
            {
                steps.Add(sb.ToString());
                sb.Clear();
            }
            else
            {
                sb.Append(c);
            }
        }

        steps.Add(sb.ToString());
        return [.. steps];
    }
}
