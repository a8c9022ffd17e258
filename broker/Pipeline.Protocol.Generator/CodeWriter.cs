using System.Text;

namespace Pipeline.Protocol.Generator;

/// <summary>Builds C# source with 4-space indentation and \n line endings.</summary>
public sealed class CodeWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;
    private bool _blankAfterBlock;

    public CodeWriter Line(string line = "")
    {
        // A statement after a closed block gets a blank line before it, as hand-written code would.
        if (_blankAfterBlock && line.Length > 0 && !line.StartsWith('}') && !line.StartsWith("else", StringComparison.Ordinal)
            && !line.StartsWith("case ", StringComparison.Ordinal) && !line.StartsWith("default:", StringComparison.Ordinal))
        {
            _text.Append('\n');
        }

        _blankAfterBlock = false;
        if (line.Length > 0)
        {
            _text.Append(' ', _indent * 4).Append(line);
        }

        _text.Append('\n');
        return this;
    }

    public CodeWriter Open(string? header = null)
    {
        if (header is not null)
        {
            Line(header);
        }

        Line("{");
        _indent++;
        return this;
    }

    public CodeWriter Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
        _blankAfterBlock = true;
        return this;
    }

    /// <summary>Writes "if (condition)" around <paramref name="body"/>, or just the body when the condition is null.</summary>
    public void If(string? condition, Action body)
    {
        if (condition is null)
        {
            body();
            return;
        }

        Open($"if ({condition})");
        body();
        Close();
    }

    /// <summary>Appends text produced by another writer, re-indented to the current level.</summary>
    public void Append(CodeWriter other)
    {
        var lines = other.ToString().Split('\n');
        for (var i = 0; i < lines.Length - 1; i++)
        {
            Line(lines[i]);
        }
    }

    public bool Contains(string text) => _text.ToString().Contains(text, StringComparison.Ordinal);

    public override string ToString() => _text.ToString();
}
