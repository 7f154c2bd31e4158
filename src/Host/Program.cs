using System.CommandLine;
using PredictEngine.Host;
using PredictEngine.Host.Sqlcmd;

// sqlcmd's single-letter switches clash with System.CommandLine's conventions: it parses its own.
if (args is [SqlcmdCommand.Name, ..])
{
    return SqlcmdCommand.Run(args[1..]);
}

var root = new RootCommand("PredictEngine: score ONNX models where the data lives, with T-SQL's PREDICT.");
root.Subcommands.Add(VersionCommand.Create());
root.Subcommands.Add(ScoreCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(SqlcmdCommand.Create());
return root.Parse(args).Invoke();
