namespace Pipeline.Client.Admin;

public sealed record GroupReport(string GroupId, KafkaError Error) : IAdminResult;
