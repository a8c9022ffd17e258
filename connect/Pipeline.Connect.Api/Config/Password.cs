namespace Pipeline.Connect.Api.Config;

/// <summary>A secret config value: <see cref="ToString"/> hides it so logs and REST answers never show it.</summary>
/// <param name="Value">The secret.</param>
public sealed record Password(string Value)
{
    /// <summary>What is shown in place of the secret.</summary>
    public const string Hidden = "[hidden]";

    /// <inheritdoc/>
    public override string ToString() => Hidden;
}
