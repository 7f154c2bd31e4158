using System.CommandLine;
using System.Globalization;
using PredictEngine.Scoring;
using PredictEngine.Scoring.Jobs;
using PredictEngine.Storage;
using PredictEngine.Storage.Configuration;
using PredictEngine.Storage.Errors;

namespace PredictEngine.Host;

/// <summary>
/// <c>predict score</c>: the embedded batch-scoring job. Optionally loads a CSV into a table, scores
/// the table with an ONNX model through the columnar pipeline, writes rows plus predictions to an
/// output table and prints a preview and a quality summary computed in SQL.
/// </summary>
internal static class ScoreCommand
{
    public static Command Create()
    {
        var data = HostOptions.Data();
        var csv = new Option<string?>("--csv") { Description = "Load this CSV (with a header row) into --table first, replacing it." };
        var table = new Option<string?>("--table") { Description = "The table to score (default: the CSV file's name)." };
        var model = new Option<string>("--model") { Description = "The .onnx model file.", Required = true };
        var features = new Option<string?>("--features") { Description = "Comma-separated columns feeding an [N,F] model input, in order (default: every numeric column not excluded)." };
        var exclude = new Option<string?>("--exclude") { Description = "Comma-separated numeric columns that are not features (ids, targets)." };
        var label = new Option<string?>("--label") { Description = "The column holding the true value: adds accuracy (classifier) or RMSE (regressor) to the summary, and is never a feature." };
        var group = new Option<string?>("--group") { Description = "Break the summary down by this column (e.g. a train/test split)." };
        var output = new Option<string>("--output") { Description = "The table receiving input rows plus predictions.", DefaultValueFactory = _ => "predictions" };
        var provider = new Option<string?>("--provider") { Description = "Execution provider: cpu, cuda, tensorrt or auto (default from predict.json, else auto)." };
        var batchRows = new Option<int?>("--batch-rows") { Description = "Rows per scoring batch (default 65536)." };
        var workers = new Option<int?>("--workers") { Description = "Batches scored at once (default: one per core)." };
        var show = new Option<int>("--show") { Description = "Rows of the output table to print.", DefaultValueFactory = _ => 5 };
        var command = new Command("score", "Score a table (or a CSV file) with an ONNX model on the embedded engine.")
        {
            data, csv, table, model, features, exclude, label, group, output, provider, batchRows, workers, show,
        };
        command.SetAction(result => HostOptions.Guard(() =>
        {
            var dataDir = result.GetValue(data)!;
            var config = EngineConfig.Load(dataDir);
            OnnxRuntime.Initialize(config.OrtLibrary);
            using var database = EmbeddedDatabase.OpenDataDirectory(dataDir, config.DuckDbLibrary);
            using var connection = database.Connect();
            var csvPath = result.GetValue(csv);
            var tableName = result.GetValue(table) ?? (csvPath is null
                ? throw new EngineException(ErrorNumbers.InvalidObjectName, 16, 1, "Name the table to score with --table, or load one with --csv.")
                : Path.GetFileNameWithoutExtension(csvPath));
            if (csvPath is not null)
            {
                LoadCsv(connection, csvPath, tableName);
            }

            var settings = new SessionSettings
            {
                Provider = SessionSettings.ParseProvider(result.GetValue(provider) ?? config.ExecutionProvider),
                IntraOpThreads = config.IntraOpThreads,
                InterOpThreads = config.InterOpThreads,
            };
            var modelPath = result.GetValue(model)!;
            using var session = ModelSession.Load(ReadModel(modelPath), settings);
            Console.WriteLine($"Model {Path.GetFileName(modelPath)} (sha256 {session.Sha256[..12]}…) on {session.Provider.Provider}");
            Console.WriteLine($"  {session.Signature}");
            if (session.Provider.FallbackReason is { } reason)
            {
                Console.WriteLine($"  {reason.Split('\n')[0]}");
            }

            var labelColumn = result.GetValue(label);
            var excluded = Split(result.GetValue(exclude)) ?? [];
            var request = new TableScoringRequest(
                tableName,
                session,
                result.GetValue(output)!,
                Split(result.GetValue(features)),
                labelColumn is null ? excluded : [.. excluded, labelColumn],
                result.GetValue(batchRows) ?? config.BatchRows,
                result.GetValue(workers) ?? config.EffectiveWorkers);
            var job = TableScoringJob.Run(database, request, message => Console.WriteLine($"  {message}"));
            var rate = job.Rows / Math.Max(job.Elapsed.TotalSeconds, 1e-9);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Scored {job.Rows:N0} rows in {job.Batches} batch(es), {job.Elapsed.TotalMilliseconds:F0} ms ({rate:N0} rows/s) into table {request.OutputTable}."));
            Console.WriteLine();
            Summary.Print(connection, request.OutputTable, job, labelColumn, result.GetValue(group), result.GetValue(show));
            return 0;
        }));
        return command;
    }

    private static void LoadCsv(StorageConnection connection, string path, string table)
    {
        if (!File.Exists(path))
        {
            throw new EngineException(ErrorNumbers.InvalidObjectName, 16, 1, $"Cannot bulk load: the file '{path}' does not exist.");
        }

        var full = Path.GetFullPath(path).Replace("'", "''", StringComparison.Ordinal);
        connection.Execute($"CREATE OR REPLACE TABLE {TableScoringJob.Quote(table)} AS SELECT * FROM read_csv('{full}', header = true)");
        using var count = connection.ExecuteReader($"SELECT count(*) FROM {TableScoringJob.Quote(table)}");
        using var batch = count.ReadBatch();
        Console.WriteLine($"Loaded {batch![0].GetValues<long>()[0]:N0} rows from {path} into table {table}.");
    }

    private static byte[] ReadModel(string path) => File.Exists(path)
        ? File.ReadAllBytes(path)
        : throw new EngineException(ErrorNumbers.InvalidModel, 16, 1, $"The model file '{path}' does not exist.");

    private static string[]? Split(string? list) => list?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
