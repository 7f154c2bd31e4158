using System.Diagnostics;
using System.Globalization;
using PredictEngine.ModelRegistry;
using PredictEngine.Scoring;
using PredictEngine.SqlFrontend.Ast;
using PredictEngine.SqlFrontend.Binding;
using PredictEngine.SqlFrontend.Predict;
using PredictEngine.Storage;
using PredictEngine.Storage.Types;

namespace PredictEngine.Harness;

/// <summary>
/// <c>SELECT COUNT(*), SUM(score)</c> over PREDICT (the DuckDB scalar function, in DuckDB's pipeline) against a
/// bare ONNX Runtime run of the same model over the same rows already in memory as one row-major
/// <c>float[N*30]</c> (the model's own time: no scan, no conversion). Models: tests/models/bench_linear30 and
/// bench_forest100 (100 trees), input <c>input</c> float [N,30]. Features are uniform within each feature's
/// range in the golden inputs (a hash of row and column, so the trees take varied paths). PREDICT runs twice:
/// with ONNX Runtime's default intra-op threads, and with one intra-op thread per call (DuckDB already runs
/// one call per worker thread). The same query through SqlClient over TDS: <see cref="PredictTdsScenario"/>.
/// </summary>
internal static class PredictScenario
{
    private const int Runs = 3;
    private const int Features = 30;

    public static void Run(int rows)
    {
        var models = FindModels();
        var ranges = Ranges(Path.Combine(models, "bench_forest100.inputs.csv"));
        Console.WriteLine($"PREDICT in DuckDB vs bare ONNX Runtime: {rows:N0} rows x {Features} float features, {Environment.ProcessorCount} cores");
        var configurations = new (string Name, SessionSettings Settings)[]
        {
            ("PREDICT, ORT default threads", new SessionSettings { Provider = ExecutionProviderKind.Cpu }),
            ("PREDICT, ORT 1 thread per call", new SessionSettings { Provider = ExecutionProviderKind.Cpu, IntraOpThreads = 1 }),
        };
        foreach (var model in new[] { "bench_linear30", "bench_forest100" })
        {
            var bytes = File.ReadAllBytes(Path.Combine(models, model + ".onnx"));
            var (bare, bareSum) = MeasureBare(bytes, rows, ranges);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {model}: {"bare ORT Run, [N,30] in memory",-34} {bare,12:N0} rows/s  sum {bareSum:G8}"));
            foreach (var (name, settings) in configurations)
            {
                var (rate, sum, threads) = MeasurePredict(bytes, rows, ranges, settings);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {model}: {name,-34} {rate,12:N0} rows/s  sum {sum:G8}  ratio vs bare {rate / bare:F2}  (DuckDB threads {threads})"));
                if (Environment.GetEnvironmentVariable("PREDICT_BENCH_SCAN") != "1" && Math.Abs(sum - bareSum) > 1e-3 * Math.Max(1, Math.Abs(bareSum)))
                {
                    throw new InvalidOperationException($"{model}: PREDICT's sum {sum} differs from the bare run's {bareSum}.");
                }
            }
        }
    }

    private static (double Rate, double Sum, string Threads) MeasurePredict(byte[] model, int rows, (float Min, float Max)[] ranges, SessionSettings settings)
    {
        using var database = EmbeddedDatabase.OpenInMemory();
        using var cache = new ModelSessionCache(settings);
        var catalog = new ModelCatalog(database, cache);
        using var connection = database.Connect();
        connection.Execute(CreateTable(rows, ranges));
        var inputs = Enumerable.Range(0, Features).Select(c => $"input_{c}").ToArray();
        catalog.Register("bench", model, "sa", inputMapJson: System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string[]> { ["input"] = inputs }));
        var planner = new PredictPlanner(connection, cache, catalog, settings);
        var plan = planner.Plan(model, "SELECT * FROM t", [new ColumnInfo("id", SqlType.BigInt, false), .. inputs.Select(c => new ColumnInfo(c, SqlType.Real, false))],
            [new ColumnSpec { Name = "variable", DataType = new DataTypeReference { Name = "real" } }], "ONNX", 1);
        var sql = $"SELECT COUNT(*), SUM(variable) FROM ({plan.Sql})";
        if (Environment.GetEnvironmentVariable("PREDICT_BENCH_SCAN") == "1")
        {
            // The floor: DuckDB reading the same 30 columns with no model (PREDICT_BENCH_SCAN=1).
            sql = $"SELECT COUNT(*), SUM({string.Join(" + ", inputs)}) FROM t";
        }

        var rates = new List<double>();
        var sum = 0.0;
        var wall = TimeSpan.Zero;
        for (var run = 0; run <= Runs; run++)
        {
            if (run == 1)
            {
                planner.TakeStatistics();
            }

            var clock = Stopwatch.StartNew();
            using var reader = connection.ExecuteReader(sql);
            using var batch = reader.ReadBatch()!;
            clock.Stop();
            if (batch[0].GetValues<long>()[0] != rows)
            {
                throw new InvalidOperationException("PREDICT counted the wrong number of rows.");
            }

            sum = batch[1].GetValues<double>()[0];
            if (run > 0)
            {
                rates.Add(rows / clock.Elapsed.TotalSeconds);
                wall += clock.Elapsed;
            }
        }

        var statistics = planner.TakeStatistics();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    {settings.IntraOpThreads} ORT threads: {statistics.Chunks:N0} chunks of ~{statistics.Rows / Math.Max(1, statistics.Chunks):N0} rows; time in the function body (score + convert, summed over DuckDB threads) {statistics.ModelTime.TotalSeconds:F2} s of {wall.TotalSeconds:F2} s wall"));
        using var setting = connection.ExecuteReader("SELECT current_setting('threads')::VARCHAR");
        using var threads = setting.ReadBatch()!;
        return (Median(rates), sum, threads[0].GetString(0));
    }

    internal static (double Rate, double Sum) MeasureBare(byte[] model, int rows, (float Min, float Max)[] ranges)
    {
        var values = new float[(long)rows * Features];
        using (var database = EmbeddedDatabase.OpenInMemory())
        using (var connection = database.Connect())
        {
            connection.Execute(CreateTable(rows, ranges));
            using var reader = connection.ExecuteReader("SELECT * EXCLUDE (id) FROM t ORDER BY id");
            var row = 0;
            while (reader.ReadBatch() is { } batch)
            {
                using (batch)
                {
                    for (var c = 0; c < Features; c++)
                    {
                        var column = batch[c].GetValues<float>();
                        for (var r = 0; r < batch.RowCount; r++)
                        {
                            values[((long)(row + r) * Features) + c] = column[r];
                        }
                    }

                    row += batch.RowCount;
                }
            }
        }

        using var session = ModelSession.Load(model, new SessionSettings { Provider = ExecutionProviderKind.Cpu });
        var rates = new List<double>();
        var sum = 0.0;
        for (var run = 0; run <= Runs; run++)
        {
            var clock = Stopwatch.StartNew();
            using var input = OrtValue.CreateTensor(values.AsMemory(), [rows, Features]);
            var outputs = session.Run([input]);
            clock.Stop();
            sum = 0;
            foreach (var v in outputs[0].GetTensorData<float>())
            {
                sum += v;
            }

            foreach (var output in outputs)
            {
                output.Dispose();
            }

            if (run > 0)
            {
                rates.Add(rows / clock.Elapsed.TotalSeconds);
            }
        }

        return (Median(rates), sum);
    }

    internal static string CreateTable(int rows, (float Min, float Max)[] ranges) =>
        "CREATE TABLE t AS SELECT i AS id, " + string.Join(", ", ranges.Select((r, c) => string.Create(CultureInfo.InvariantCulture,
            $"CAST({r.Min:R} + ({r.Max - r.Min:R}) * ((hash(i * {Features} + {c}) % 1000003) / 1000003.0) AS FLOAT) AS input_{c}")))
        + $" FROM range({rows}) r(i)";

    internal static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    internal static (float Min, float Max)[] Ranges(string csv)
    {
        var lines = File.ReadAllLines(csv).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        return [.. Enumerable.Range(0, Features).Select(c => (lines.Min(l => l[c]), lines.Max(l => l[c])))];
    }

    internal static string FindModels()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "models");
            if (File.Exists(Path.Combine(candidate, "bench_forest100.onnx")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("Cannot find tests/models above the harness.");
    }
}
