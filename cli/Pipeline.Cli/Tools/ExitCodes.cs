namespace Pipeline.Cli.Tools;

/// <summary>The exit codes of every tool: 0 done, 1 failed, 2 the command line was wrong.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Error = 1;
    public const int Usage = 2;
}
