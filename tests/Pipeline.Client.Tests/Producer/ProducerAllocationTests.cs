using Pipeline.Client.Admin;
using Pipeline.Client.Producer;
using Pipeline.Client.Tests.Fixtures;
using Xunit.Abstractions;

namespace Pipeline.Client.Tests.Producer;

/// <summary>
/// The produce hot path allocates nothing per record on the caller's thread: serializing into
/// scratch buffers, partitioning and encoding into the batch buffer are allocation-free, batch
/// buffers are recycled by buffer.memory, and what is left (a batch object per batch) is
/// amortized over its records.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ProducerAllocationTests
{
    private readonly ITestOutputHelper _output;

    public ProducerAllocationTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task Produce_WithoutHandler_AllocatesLessThanAnObjectPerRecord()
    {
        var broker = await SharedBroker.GetAsync();
        var topic = SharedBroker.UniqueTopic("alloc");
        await using (var admin = ClientFactory.Admin(broker))
        {
            await admin.CreateTopicsAsync([new TopicSpecification { Name = topic, NumPartitions = 4 }]);
        }

        const int Records = 20_000;
        var messages = new Message<byte[], byte[]>[Records];
        for (var i = 0; i < Records; i++)
        {
            messages[i] = new Message<byte[], byte[]> { Key = BitConverter.GetBytes(i % 64), Value = new byte[100], Headers = i % 2 == 0 ? new Headers { { "h", "v" } } : null };
        }

        using var producer = new Producer<byte[], byte[]>(ClientFactory.ProducerOptions(broker) with { Linger = TimeSpan.FromSeconds(1) });
        // Warm-up with as many records as are measured: afterwards buffer.memory's free list holds
        // enough batch buffers that the measured run needs no new ones (Kafka's BufferPool does the same).
        // A long linger keeps the number of batches (so of buffers needed) the same run to run.
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < Records; i++)
            {
                producer.Produce(topic, messages[i]);
            }

            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(30)));
        }

        var buffersBefore = producer.Accumulator.Memory.FreshBufferBytes;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Records; i++)
        {
            producer.Produce(topic, messages[i]);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // A loaded machine may keep more batches in flight than the warm-up did: new batch buffers
        // are per batch, not per record, so they are counted apart.
        var newBuffers = producer.Accumulator.Memory.FreshBufferBytes - buffersBefore;
        var perRecord = (double)(allocated - newBuffers) / Records;
        _output.WriteLine($"{perRecord:F2} bytes allocated per record on the producing thread, besides {newBuffers} bytes of new batch buffers");
        Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(30)));
        Assert.True(perRecord < 8, $"{perRecord:F2} bytes per record: something allocates per record");
    }
}
