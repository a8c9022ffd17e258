namespace Pipeline.Client.Admin;

/// <summary>The outcome of changing one resource's configs.</summary>
public sealed record ConfigResourceReport(ConfigResource Resource, KafkaError Error) : IAdminResult;
