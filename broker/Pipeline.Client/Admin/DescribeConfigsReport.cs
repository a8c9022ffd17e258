namespace Pipeline.Client.Admin;

public sealed record DescribeConfigsReport(ConfigResource Resource, KafkaError Error, IReadOnlyList<ConfigEntry> Entries) : IAdminResult
{
    /// <summary>The entry named <paramref name="name"/>, or null.</summary>
    public ConfigEntry? this[string name]
    {
        get
        {
            foreach (var e in Entries)
            {
                if (e.Name == name)
                {
                    return e;
                }
            }

            return null;
        }
    }
}
