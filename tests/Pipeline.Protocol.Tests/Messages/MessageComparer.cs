using System.Collections;
using Pipeline.Protocol.Messages;
using Pipeline.Protocol.Primitives;
using Xunit;

namespace Pipeline.Protocol.Tests.Messages;

/// <summary>
/// Compares a message that was written with the one read back (tests only). A field present in
/// the version must come back equal; an absent one must hold its default.
/// </summary>
internal sealed class MessageComparer(SpecIndex specs, short version, bool flexible)
{
    public void AssertRoundTripped(object written, object read, string path)
    {
        var type = written.GetType();
        var fresh = Activator.CreateInstance(type)!;
        foreach (var p in MessageFiller.FieldProperties(type))
        {
            var field = specs.Field(type, p.Name);
            var name = $"{path}.{p.Name}";
            if (field.Versions.Contains(version))
            {
                AssertEqual(p.GetValue(written), p.GetValue(read), name, versionAware: true);
            }
            else
            {
                AssertEqual(p.GetValue(fresh), p.GetValue(read), name + " (absent, so default)", versionAware: false);
            }
        }

        var unknownProperty = type.GetProperty(nameof(ProduceRequest.UnknownTaggedFields))!;
        var expectedUnknown = flexible ? unknownProperty.GetValue(written) : null;
        AssertEqual(expectedUnknown, unknownProperty.GetValue(read), path + ".UnknownTaggedFields", versionAware: false);
    }

    private void AssertEqual(object? expected, object? actual, string path, bool versionAware)
    {
        switch (expected)
        {
            case null:
                Assert.True(actual is null || actual is IList { Count: 0 } && path.EndsWith("UnknownTaggedFields", StringComparison.Ordinal), $"{path}: expected null, got {actual}");
                return;
            case string s:
                Assert.True(s == (string?)actual, $"{path}: expected '{s}', got '{actual}'");
                return;
            case byte[] b:
                Assert.True(actual is byte[] a && a.AsSpan().SequenceEqual(b), $"{path}: bytes differ");
                return;
            case RecordSet r:
                var ar = Assert.IsType<RecordSet>(actual);
                Assert.True(r.IsNull == ar.IsNull && r.Memory.Span.SequenceEqual(ar.Memory.Span), $"{path}: records differ ({r} vs {ar})");
                return;
            case RawTaggedField t:
                var at = Assert.IsType<RawTaggedField>(actual);
                Assert.True(t.Tag == at.Tag && t.Data.AsSpan().SequenceEqual(at.Data), $"{path}: tagged field {t.Tag} differs");
                return;
            case IList list:
                var actualList = Assert.IsAssignableFrom<IList>(actual);
                Assert.True(list.Count == actualList.Count, $"{path}: expected {list.Count} element(s), got {actualList.Count}");
                for (var i = 0; i < list.Count; i++)
                {
                    AssertEqual(list[i], actualList[i], $"{path}[{i}]", versionAware);
                }

                return;
        }

        var type = expected.GetType();
        if (type.IsClass && type.Namespace == typeof(IDataMessage).Namespace)
        {
            Assert.True(actual is not null, $"{path}: expected a {type.Name}, got null");
            if (versionAware)
            {
                AssertRoundTripped(expected, actual, path);
            }
            else
            {
                foreach (var p in MessageFiller.FieldProperties(type).Append(type.GetProperty(nameof(ProduceRequest.UnknownTaggedFields))!))
                {
                    AssertEqual(p.GetValue(expected), p.GetValue(actual), $"{path}.{p.Name}", versionAware: false);
                }
            }

            return;
        }

        Assert.True(expected.Equals(actual), $"{path}: expected {expected}, got {actual}");
    }
}
