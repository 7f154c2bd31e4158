using System.CommandLine;
using PredictEngine.Host;

var root = new RootCommand("PredictEngine: score ONNX models where the data lives, with T-SQL's PREDICT.");
root.Subcommands.Add(VersionCommand.Create());
root.Subcommands.Add(ScoreCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
return root.Parse(args).Invoke();
