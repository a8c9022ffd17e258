namespace Pipeline.Connectors.File;

/// <summary>The version every connector and task of this assembly reports.</summary>
internal static class ConnectorVersion
{
    public const string Value = "1.0.0";
}
