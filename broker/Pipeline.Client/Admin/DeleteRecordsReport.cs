using Pipeline.Protocol;

namespace Pipeline.Client.Admin;

/// <summary>After DeleteRecords: the partition's new log start offset (low watermark), or an error.</summary>
public sealed record DeleteRecordsReport(TopicPartition TopicPartition, long LowWatermark, KafkaError Error) : IAdminResult;
