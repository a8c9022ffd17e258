using Pipeline.Protocol.Records;
using Xunit;

namespace Pipeline.Protocol.Tests.Records;

/// <summary>The produce hot path on an uncompressed batch allocates nothing once warmed up.</summary>
public class AllocationTests
{
    [Fact]
    public void ValidateAndIterate_Uncompressed1000Records_AllocatesNothingAfterWarmUp()
    {
        using var builder = new RecordBatchBuilder();
        for (var i = 0; i < 1000; i++)
        {
            builder.Append(TestBatches.Now + i, TestBatches.Utf8($"key-{i}"), TestBatches.Utf8($"value-{i}"), [new RecordHeader("h", [1, 2])]);
        }

        var batch = builder.ToArray();
        var options = RecordValidationOptions.Default with { Compacted = true, TimestampBeforeMaxMs = 3_600_000 };
        using var validator = new RecordBatchValidator();
        using var reader = new RecordBatchReader();

        long checksum = 0;
        checksum += Run(validator, reader, batch, options);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++)
        {
            checksum += Run(validator, reader, batch, options);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.True(checksum > 0);
    }

    private static long Run(RecordBatchValidator validator, RecordBatchReader reader, byte[] batch, RecordValidationOptions options)
    {
        var result = validator.Validate(batch, options, 9, TestBatches.Now);
        if (!result.IsValid)
        {
            return -1_000_000;
        }

        long sum = result.RecordCount;
        foreach (var record in reader.Records(batch))
        {
            sum += record.Offset + record.Key.Length + record.Value.Length;
            foreach (var header in record.Headers)
            {
                sum += header.Value.Length;
            }
        }

        return sum;
    }
}
