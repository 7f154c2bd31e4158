using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Data.SqlClient;
using Npgsql;
using PredictEngine.SqlFrontend.Tds.Server;
using PredictEngine.Storage;

namespace PredictEngine.Harness;

/// <summary>
/// Rows per second streamed to a client for the same 10-column result: PredictEngine's TDS server to
/// Microsoft.Data.SqlClient, and PostgreSQL to Npgsql, both over loopback TCP on this machine,
/// measured in one run. Each client reads every column with its typed getter.
/// </summary>
internal static class TdsStreamingScenario
{
    private const int Runs = 3;

    public static async Task RunAsync(int rows)
    {
        Console.WriteLine($"TDS streaming vs PostgreSQL: {rows:N0} rows x 10 columns (bigint, int, float, real, decimal(18,4), varchar, date, timestamp, bit, uuid)");
        using var database = EmbeddedDatabase.OpenInMemory();
        using (var setup = database.Connect())
        {
            setup.Execute($"""
                CREATE TABLE t AS SELECT range AS id, (range % 100000)::INTEGER AS i, (range * 0.5)::DOUBLE AS f, (range % 1000)::FLOAT AS r,
                  (range / 7.0)::DECIMAL(18,4) AS d, 'name-' || (range % 100000)::VARCHAR AS s, DATE '2020-01-01' + (range % 1000)::INTEGER AS dt,
                  TIMESTAMP '2020-01-01' + to_seconds(range) AS ts, range % 2 = 0 AS b, md5(range::VARCHAR)::UUID AS u
                FROM range({rows})
                """);
        }

        var dataDirectory = Directory.CreateTempSubdirectory("predict-harness-").FullName;
        await using var server = new TdsServer(database, new TdsServerOptions { Port = 0, SaPassword = "Harness!1", DataDirectory = dataDirectory, Listen = IPAddress.Loopback });
        server.Start();
        var tds = $"Server=127.0.0.1,{server.EndPoint.Port};User ID=sa;Password=Harness!1;Database=predict;Encrypt=false;Pooling=false;Packet Size=32767";

        using var postgres = TemporaryPostgres.Start();
        await using (var setup = new NpgsqlConnection(postgres.ConnectionString))
        {
            await setup.OpenAsync();
            await using var create = new NpgsqlCommand($"""
                CREATE TABLE t AS SELECT g AS id, (g % 100000)::int AS i, g * 0.5::float8 AS f, (g % 1000)::real AS r,
                  (g / 7.0)::numeric(18,4) AS d, 'name-' || (g % 100000) AS s, DATE '2020-01-01' + (g % 1000)::int AS dt,
                  TIMESTAMP '2020-01-01' + g * interval '1 second' AS ts, g % 2 = 0 AS b, md5(g::text)::uuid AS u
                FROM generate_series(0, {rows - 1}) g
                """, setup) { CommandTimeout = 600 };
            await create.ExecuteNonQueryAsync();
        }

        var ours = Measure("PredictEngine TDS -> SqlClient 2.1.4", rows, () => new SqlConnection(tds));
        var baseline = Measure("PostgreSQL 15 -> Npgsql 9", rows, () => new NpgsqlConnection(postgres.ConnectionString));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Ratio (PredictEngine / PostgreSQL rows/s): {ours / baseline:F2}"));
        Directory.Delete(dataDirectory, recursive: true);
    }

    /// <summary>One warm-up, then the median of <see cref="Runs"/> full reads; returns rows/s.</summary>
    private static double Measure(string name, int rows, Func<DbConnection> connect)
    {
        var rates = new List<double>();
        for (var run = 0; run <= Runs; run++)
        {
            using var connection = connect();
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT id, i, f, r, d, s, dt, ts, b, u FROM t";
            command.CommandTimeout = 600;
            var clock = Stopwatch.StartNew();
            using var reader = command.ExecuteReader();
            long read = 0, checksum = 0;
            while (reader.Read())
            {
                checksum += reader.GetInt64(0) + reader.GetInt32(1) + (long)reader.GetDouble(2) + (long)reader.GetFloat(3) + (long)reader.GetDecimal(4)
                    + reader.GetString(5).Length + reader.GetDateTime(6).Day + reader.GetDateTime(7).Second + (reader.GetBoolean(8) ? 1 : 0) + reader.GetGuid(9).GetHashCode();
                read++;
            }

            clock.Stop();
            if (read != rows)
            {
                throw new InvalidOperationException($"{name}: read {read} rows, expected {rows}.");
            }

            if (run > 0)
            {
                rates.Add(rows / clock.Elapsed.TotalSeconds);
            }

            GC.KeepAlive(checksum);
        }

        rates.Sort();
        var median = rates[rates.Count / 2];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-40} {median,12:N0} rows/s  (runs: {string.Join(", ", rates.Select(r => r.ToString("N0", CultureInfo.InvariantCulture)))})"));
        return median;
    }
}
