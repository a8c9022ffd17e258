namespace Pipeline.Client.Admin;

/// <summary>An admin result item: its error is <see cref="KafkaError.None"/> when it succeeded.</summary>
public interface IAdminResult
{
    KafkaError Error { get; }
}
