using System.CommandLine;
using System.Reflection;
using PredictEngine.Scoring;
using PredictEngine.Storage;
using PredictEngine.Storage.Configuration;
using PredictEngine.Storage.Errors;

namespace PredictEngine.Host;

/// <summary><c>predict version</c>: the engine, both native libraries (version and path) and the execution providers.</summary>
internal static class VersionCommand
{
    public static Command Create()
    {
        var data = HostOptions.Data();
        var command = new Command("version", "Print the engine version, the native library versions and paths, and the execution providers.") { data };
        command.SetAction(result => HostOptions.Guard(() =>
        {
            var config = EngineConfig.Load(result.GetValue(data)!);
            EmbeddedDatabase.EnsureLibrary(config.DuckDbLibrary);
            OnnxRuntime.Initialize(config.OrtLibrary);
            var engine = typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            Console.WriteLine($"PredictEngine {engine.Split('+')[0]} (.NET {Environment.Version})");
            Console.WriteLine($"ONNX Runtime {OnnxRuntime.Version} (C API {ScoringApi.RequestedApiVersion})  {OnnxRuntime.LibraryPath}");
            Console.WriteLine($"DuckDB {EmbeddedDatabase.LibraryVersion}  {EmbeddedDatabase.LibraryPath}");
            Console.WriteLine("Execution providers:");
            foreach (var (provider, usable, detail) in ExecutionProviders.Probe())
            {
                Console.WriteLine($"  {provider,-28} {(usable ? "available" : "unavailable"),-12} {FirstLine(detail)}");
            }

            return 0;
        }));
        return command;
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n')[0].Trim();
        return line;
    }
}

/// <summary>Shared options and the one place errors become exit codes.</summary>
internal static class HostOptions
{
    public static Option<string> Data() => new("--data")
    {
        Description = "The data directory (database file and predict.json).",
        DefaultValueFactory = _ => "./data",
    };

    /// <summary>Runs a command body; an engine error prints as SQL Server does (Msg N, Level L, State S) and exits 1.</summary>
    public static int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (EngineException e)
        {
            Console.Error.WriteLine($"Msg {e.Number}, Level {e.Severity}, State {e.State}, Line {e.Line}");
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }
}
