using System.Globalization;
using System.Text.Json;
using Microsoft.Data.SqlClient;
using Xunit;

namespace PredictEngine.Tests.Tds;

/// <summary>
/// The same T-SQL batch through Microsoft.Data.SqlClient and through pymssql (FreeTDS db-lib, a different
/// TDS implementation with different type handling) gives the same result sets: names, values, NULLs.
/// Values are compared in one canonical text form (invariant numbers, ISO dates, 0x hex).
/// </summary>
public sealed class ClientParityTests : IClassFixture<TdsServerFixture>
{
    private const string Batch = """
        SET NOCOUNT ON;
        DECLARE @t TABLE (id int, name nvarchar(20), amount decimal(9,2), ratio float, small real, flag bit, born date, seen datetime2(6), tag varbinary(4), big bigint);
        INSERT INTO @t VALUES
            (1, N'héllo 日本', 12.34, 1.5, 0.1, 1, '2024-01-02', '2024-01-02 03:04:05.5', 0x0AFF, 9000000000),
            (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
            (3, N'x''y', -0.01, 1e10, 2.5, 0, '1999-12-31', '1999-12-31 23:59:59', 0x00, -1);
        SELECT id, name, amount, ratio, small, flag, born, seen, tag, big FROM @t ORDER BY id;
        SELECT COUNT(*) AS n, SUM(amount) AS total, AVG(id) AS avg_id, MAX(name) AS top_name, COUNT(name) AS named FROM @t;
        SELECT UPPER(name) + N'!' AS shout, LEN(name) AS len, DATEADD(day, 1, born) AS next_day, 7 / 2 AS int_div,
               CAST(amount AS int) AS whole, CONVERT(varchar(10), born, 103) AS uk_date, ROUND(ratio, 0) AS rounded
        FROM @t WHERE id <> 2 ORDER BY id;
        """;

    private readonly TdsServerFixture _server;

    public ClientParityTests(TdsServerFixture server)
    {
        _server = server;
    }

    [Fact]
    public void TheSameBatchGivesTheSameResultsThroughSqlClientAndPymssql()
    {
        var sets = ThroughSqlClient();
        Assert.Equal(3, sets.Count);
        Assert.Equal("héllo 日本", sets[0].Rows[0][1]);
        var fromSqlClient = JsonSerializer.Serialize(sets);
        var script = Path.Combine(AppContext.BaseDirectory, "Tds", "clients", "parity_client.py");
        var python = ExternalProcess.Require("/usr/bin/python3", "python3");
        var result = ExternalProcess.Run(python, [script, "127.0.0.1", $"{_server.Server.EndPoint.Port}", TdsServerFixture.Password], stdin: Batch, timeout: TimeSpan.FromSeconds(90));
        Assert.True(result.ExitCode == 0, result.ToString());

        Assert.Equal(Normalize(result.Stdout.Trim()), Normalize(fromSqlClient));
    }

    private static string Normalize(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);

    private List<ResultSet> ThroughSqlClient()
    {
        using var connection = _server.Open();
        using var command = new SqlCommand(Batch, connection);
        using var reader = command.ExecuteReader();
        var sets = new List<ResultSet>();
        do
        {
            if (reader.FieldCount == 0)
            {
                continue;
            }

            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
            var rows = new List<List<string?>>();
            while (reader.Read())
            {
                rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => Canonical(reader, i))]);
            }

            sets.Add(new ResultSet(columns, rows));
        }
        while (reader.NextResult());
        return sets;
    }

    private static string? Canonical(SqlDataReader reader, int i)
    {
        if (reader.IsDBNull(i))
        {
            return null;
        }

        return reader.GetValue(i) switch
        {
            bool b => b ? "1" : "0",
            float f => ((double)f).ToString("R", CultureInfo.InvariantCulture),
            double d => PythonRepr(d),
            DateTime t when reader.GetDataTypeName(i) == "date" => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime t => t.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
            byte[] bytes => "0x" + Convert.ToHexString(bytes),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            var other => other.ToString(),
        };
    }

    /// <summary>Python's repr of a float: shortest round-trip digits, always with a decimal point or exponent.</summary>
    private static string PythonRepr(double d)
    {
        if (Math.Abs(d) >= 1e16)
        {
            var e = d.ToString("0.0###############e+00", CultureInfo.InvariantCulture);
            return e.Replace("e+0", "e+", StringComparison.Ordinal);
        }

        var text = d.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }

    private sealed record ResultSet(
        [property: System.Text.Json.Serialization.JsonPropertyName("columns")] List<string> Columns,
        [property: System.Text.Json.Serialization.JsonPropertyName("rows")] List<List<string?>> Rows);
}
