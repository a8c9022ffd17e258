using System.Globalization;
using System.Text;
using Pipeline.Storage.IO;

namespace Pipeline.Broker.Coordinators.ProducerIds;

/// <summary>
/// Hands out producer ids, never the same one twice, across restarts too. Ids are reserved in
/// blocks of <see cref="BlockSize"/> (Kafka's controller hands brokers blocks of 1000 with
/// AllocateProducerIds): before the first id of a block is given out, the start of the next block
/// is written durably to <c>&lt;first log dir&gt;/pipeline-producer-ids</c> (one line,
/// <c>next.block.start=&lt;id&gt;</c>). A crash loses at most the rest of a block; it never
/// repeats an id, which would let a new producer collide with an old one's sequence state.
/// Threads: any; allocation is serialized by a lock (one durable write per 1000 ids).
/// </summary>
public sealed class ProducerIdManager
{
    public const int BlockSize = 1000;
    public const string FileName = "pipeline-producer-ids";
    private const string Key = "next.block.start=";

    private readonly Lock _lock = new();
    private readonly string _path;
    private long _next;
    private long _blockEnd;

    public ProducerIdManager(string logDir)
    {
        Directory.CreateDirectory(logDir);
        _path = Path.Combine(logDir, FileName);
        _next = _blockEnd = ReadNextBlockStart(_path);
    }

    public string FilePath => _path;

    /// <summary>A producer id no one has had; throws <see cref="IOException"/> when the reservation cannot be saved.</summary>
    public long GenerateProducerId()
    {
        lock (_lock)
        {
            if (_next >= _blockEnd)
            {
                if (_blockEnd > long.MaxValue - BlockSize)
                {
                    throw new InvalidOperationException("producer ids are exhausted");
                }

                var end = _blockEnd + BlockSize;
                DurableFile.WriteAllBytes(_path, Encoding.ASCII.GetBytes(Key + end.ToString(CultureInfo.InvariantCulture) + "\n"));
                _blockEnd = end;
            }

            return _next++;
        }
    }

    private static long ReadNextBlockStart(string path)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        var text = File.ReadAllText(path).Trim();
        if (!text.StartsWith(Key, StringComparison.Ordinal)
            || !long.TryParse(text.AsSpan(Key.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var next))
        {
            // Starting again from 0 would hand out ids that producers already use.
            throw new InvalidDataException($"{path} does not hold '{Key}<id>'; restore it, or write an id above every producer id in use");
        }

        return next;
    }
}
