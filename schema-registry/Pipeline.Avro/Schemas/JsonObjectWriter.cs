using System.Text;

namespace Pipeline.Avro.Schemas;

/// <summary>Writes one JSON object's punctuation, compact or Jackson-pretty.</summary>
internal struct JsonObjectWriter
{
    private readonly StringBuilder _output;
    private readonly JsonIndent? _indent;
    private bool _any;

    public JsonObjectWriter(StringBuilder output, JsonIndent? indent)
    {
        _output = output;
        _indent = indent;
        _output.Append('{');
    }

    public void Name(string name)
    {
        if (_any)
        {
            _output.Append(',');
        }

        if (_indent is not null)
        {
            _output.Append(_indent.NewLine(_indent.Level + 1));
        }

        _any = true;
        JacksonText.WriteString(_output, name);
        _output.Append(_indent is null ? ":" : " : ");
    }

    public void End()
    {
        if (_indent is not null)
        {
            _output.Append(_any ? _indent.NewLine(_indent.Level) : " ");
        }

        _output.Append('}');
    }
}
