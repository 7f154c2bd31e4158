using System.Data;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Data.SqlClient;
using PredictEngine.Scoring;
using PredictEngine.SqlFrontend.Tds.Server;
using PredictEngine.Storage;

namespace PredictEngine.Harness;

/// <summary>
/// Issue 5's end-to-end benchmark. An in-process TDS server (default executor: the T-SQL session) over the same
/// 30-feature table as <see cref="PredictScenario"/>; the model is registered with its input map. Three ways to
/// get SUM(score) over every row:
/// <list type="bullet">
/// <item>engine: <c>SELECT COUNT(*), SUM(p.variable) FROM PREDICT(...)</c> sent through SqlClient (scoring runs in the server);</item>
/// <item>(b) client: SqlClient pulls the 30 feature columns over TDS (SqlDataReader.GetFloat) into a row-major
/// float buffer and scores each 65,536-row batch itself with <see cref="ModelSession"/>;</item>
/// <item>(a) bare: one ModelSession.Run over all rows already in memory (the model's own time).</item>
/// </list>
/// Each rate is the median of 3 runs after a warm-up; the three sums must agree.
/// </summary>
internal static class PredictTdsScenario
{
    private const int Runs = 3;
    private const int Features = 30;
    private const int ClientBatch = 65_536;

    public static async Task RunAsync(int rows)
    {
        var models = PredictScenario.FindModels();
        var ranges = PredictScenario.Ranges(Path.Combine(models, "bench_forest100.inputs.csv"));
        Console.WriteLine($"PREDICT through SqlClient vs a SqlClient client scoring itself vs bare ONNX Runtime: {rows:N0} rows x {Features} float features, {Environment.ProcessorCount} cores");
        using var database = EmbeddedDatabase.OpenInMemory();
        using (var setup = database.Connect())
        {
            setup.Execute(PredictScenario.CreateTable(rows, ranges));
        }

        var dataDirectory = Directory.CreateTempSubdirectory("predict-harness-").FullName;
        try
        {
            await using var server = new TdsServer(database, new TdsServerOptions { Port = 0, SaPassword = "Harness!1", DataDirectory = dataDirectory, Listen = IPAddress.Loopback });
            server.Start();
            var connectionString = $"Server=127.0.0.1,{server.EndPoint.Port};User ID=sa;Password=Harness!1;Database=predict;Encrypt=false;Pooling=false;Packet Size=32767";
            var map = "{\"input\": [" + string.Join(", ", Enumerable.Range(0, Features).Select(c => $"\"input_{c}\"")) + "]}";
            foreach (var model in new[] { "bench_linear30", "bench_forest100" })
            {
                var bytes = File.ReadAllBytes(Path.Combine(models, model + ".onnx"));
                using (var connection = new SqlConnection(connectionString))
                {
                    connection.Open();
                    using var register = new SqlCommand($"EXEC sp_register_model @name = N'{model}', @model = @m, @input_map = N'{map}'", connection);
                    register.Parameters.Add(new SqlParameter("@m", SqlDbType.VarBinary, -1) { Value = bytes });
                    register.ExecuteNonQuery();
                }

                var (bare, bareSum) = PredictScenario.MeasureBare(bytes, rows, ranges);
                var (engine, engineSum) = Measure(rows, () => Engine(connectionString, bytes, rows));
                var (client, clientSum) = Measure(rows, () => Client(connectionString, bytes, rows));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {model}: {"(a) bare ORT Run, [N,30] in memory",-48} {bare,12:N0} rows/s  sum {bareSum:G8}"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {model}: {"(b) SqlClient pulls 30 columns, scores itself",-48} {client,12:N0} rows/s  sum {clientSum:G8}"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {model}: {"PREDICT through SqlClient",-48} {engine,12:N0} rows/s  sum {engineSum:G8}"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {model}: PREDICT / bare {engine / bare:F2}x   PREDICT / client-side {engine / client:F2}x"));
                foreach (var sum in new[] { engineSum, clientSum })
                {
                    if (Math.Abs(sum - bareSum) > 1e-3 * Math.Max(1, Math.Abs(bareSum)))
                    {
                        throw new InvalidOperationException($"{model}: sum {sum} differs from the bare run's {bareSum}.");
                    }
                }
            }
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static (double Rate, double Sum) Measure(int rows, Func<double> run)
    {
        var rates = new List<double>();
        var sum = 0.0;
        for (var i = 0; i <= Runs; i++)
        {
            var clock = Stopwatch.StartNew();
            sum = run();
            clock.Stop();
            if (i > 0)
            {
                rates.Add(rows / clock.Elapsed.TotalSeconds);
            }
        }

        return (PredictScenario.Median(rates), sum);
    }

    private static double Engine(string connectionString, byte[] model, int rows)
    {
        using var connection = new SqlConnection(connectionString);
        connection.Open();
        using var command = new SqlCommand("SELECT COUNT(*), SUM(p.variable) FROM PREDICT(MODEL = @m, DATA = dbo.t AS d) WITH (variable real) AS p", connection) { CommandTimeout = 600 };
        command.Parameters.Add(new SqlParameter("@m", SqlDbType.VarBinary, -1) { Value = model });
        using var reader = command.ExecuteReader();
        reader.Read();
        if (reader.GetInt32(0) != rows)
        {
            throw new InvalidOperationException("PREDICT counted the wrong number of rows.");
        }

        return reader.GetDouble(1);
    }

    /// <summary>The client-side baseline. Its session loads inside the timer, as a client's would (milliseconds next to a 1M-row read).</summary>
    private static double Client(string connectionString, byte[] model, int rows)
    {
        using var session = ModelSession.Load(model, new SessionSettings { Provider = ExecutionProviderKind.Cpu });
        using var connection = new SqlConnection(connectionString);
        connection.Open();
        using var command = new SqlCommand("SELECT " + string.Join(", ", Enumerable.Range(0, Features).Select(c => $"input_{c}")) + " FROM dbo.t", connection) { CommandTimeout = 600 };
        using var reader = command.ExecuteReader();
        var buffer = new float[ClientBatch * Features];
        var sum = 0.0;
        var read = 0L;
        var filled = 0;
        while (true)
        {
            var more = reader.Read();
            if (more)
            {
                var offset = filled * Features;
                for (var c = 0; c < Features; c++)
                {
                    buffer[offset + c] = reader.GetFloat(c);
                }

                filled++;
            }

            if (filled == ClientBatch || (!more && filled > 0))
            {
                using var input = OrtValue.CreateTensor(buffer.AsMemory(0, filled * Features), [filled, Features]);
                var outputs = session.Run([input]);
                foreach (var v in outputs[0].GetTensorData<float>())
                {
                    sum += v;
                }

                foreach (var output in outputs)
                {
                    output.Dispose();
                }

                read += filled;
                filled = 0;
            }

            if (!more)
            {
                break;
            }
        }

        if (read != rows)
        {
            throw new InvalidOperationException("The client read the wrong number of rows.");
        }

        return sum;
    }
}
