namespace Pipeline.Client.Producer;

/// <summary>A produce request that came back (or failed): handed from the connection's receive loop to the sender loop.</summary>
internal sealed record InFlightProduce(int Node, List<ProducerBatch> Batches, Pipeline.Protocol.Messages.ProduceResponse? Response, Exception? Error);
