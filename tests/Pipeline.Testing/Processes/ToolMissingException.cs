namespace Pipeline.Testing.Processes;

/// <summary>A tool a test needs is not installed. Thrown, never turned into a skip.</summary>
public sealed class ToolMissingException(string message) : Exception(message);
