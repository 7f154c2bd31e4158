using System.CommandLine;

namespace PredictEngine.Host.Sqlcmd;

/// <summary>
/// Registers <c>sqlcmd</c> so that <c>predict --help</c> lists it. Its switches are sqlcmd's, which
/// System.CommandLine cannot parse (-h is the header interval there, not help), so Program hands
/// <c>predict sqlcmd ...</c> straight to <see cref="Run"/>.
/// </summary>
internal static class SqlcmdCommand
{
    public const string Name = "sqlcmd";

    public static Command Create() =>
        new(Name, "Run sqlcmd scripts and queries (sqlcmd's switches; 'predict sqlcmd -?' lists them) on the embedded engine, or on a server with -S.");

    public static int Run(string[] args) =>
        SqlcmdRunner.Run(args, Console.In, Console.Out, Console.Error, interactive: !Console.IsInputRedirected);
}
