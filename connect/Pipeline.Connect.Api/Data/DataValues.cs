using System.Collections;

namespace Pipeline.Connect.Api.Data;

/// <summary>Value equality for data-model values: byte arrays, lists and maps compare by content.</summary>
internal static class DataValues
{
    public static bool DeepEquals(object? a, object? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null)
        {
            return false;
        }

        switch (a)
        {
            case byte[] x when b is byte[] y:
                return x.AsSpan().SequenceEqual(y);
            case IDictionary x when b is IDictionary y:
                if (x.Count != y.Count)
                {
                    return false;
                }

                foreach (DictionaryEntry e in x)
                {
                    if (!y.Contains(e.Key) || !DeepEquals(e.Value, y[e.Key]))
                    {
                        return false;
                    }
                }

                return true;
            case IList x when b is IList y and not byte[]:
                if (x.Count != y.Count)
                {
                    return false;
                }

                for (var i = 0; i < x.Count; i++)
                {
                    if (!DeepEquals(x[i], y[i]))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return a.Equals(b);
        }
    }

    public static int DeepHashCode(object? value)
    {
        switch (value)
        {
            case null:
                return 0;
            case byte[] bytes:
                var h = new HashCode();
                h.AddBytes(bytes);
                return h.ToHashCode();
            case IDictionary map:
                var sum = 0;
                foreach (DictionaryEntry e in map)
                {
                    sum += HashCode.Combine(DeepHashCode(e.Key), DeepHashCode(e.Value));
                }

                return sum;
            case IList list:
                var lh = new HashCode();
                foreach (var item in list)
                {
                    lh.Add(DeepHashCode(item));
                }

                return lh.ToHashCode();
            default:
                return value.GetHashCode();
        }
    }
}
