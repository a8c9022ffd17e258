using System.Text.RegularExpressions;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>Java regex semantics on .NET's engine: <c>Matcher.matches()</c> is a whole-input match; replacement escapes.</summary>
internal static class JavaRegex
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    /// <summary>A regex that succeeds only when the whole input matches <paramref name="pattern"/> (Java's <c>matches()</c>).</summary>
    public static Regex FullMatch(string pattern) =>
        new(@"\A(?:" + pattern + @")\z", RegexOptions.CultureInvariant, MatchTimeout);

    /// <summary>
    /// A Java replacement string in .NET's syntax: <c>$1</c> and <c>${name}</c> mean the same in
    /// both; Java's backslash escapes (<c>\$</c>, <c>\\</c>) become literals (<c>$$</c>, <c>\</c>).
    /// </summary>
    public static string Replacement(string java)
    {
        var sb = new System.Text.StringBuilder(java.Length);
        for (var i = 0; i < java.Length; i++)
        {
            var c = java[i];
            if (c == '\\' && i + 1 < java.Length)
            {
                var next = java[++i];
                sb.Append(next == '$' ? "$$" : next.ToString());
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
