namespace Pipeline.Client.Admin;

/// <summary>Offset sentinels of the admin API.</summary>
public static class Offsets
{
    /// <summary>DeleteRecords: delete up to the high watermark (everything).</summary>
    public const long HighWatermark = -1;
}
