namespace Pipeline.Protocol;

/// <summary>A topic name and partition index, the unit of the log.</summary>
public readonly record struct TopicPartition(string Topic, int Partition)
{
    /// <summary>Kafka's directory and display form, e.g. <c>orders-3</c>.</summary>
    public override string ToString() => $"{Topic}-{Partition}";

    /// <summary>Parses a directory name like <c>orders-3</c> (topic names may contain '-').</summary>
    public static bool TryParse(string text, out TopicPartition tp)
    {
        tp = default;
        var dash = text.LastIndexOf('-');
        if (dash <= 0 || !int.TryParse(text.AsSpan(dash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p))
        {
            return false;
        }

        tp = new TopicPartition(text[..dash], p);
        return true;
    }
}
