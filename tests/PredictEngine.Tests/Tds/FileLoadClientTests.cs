using Microsoft.Data.SqlClient;
using PredictEngine.SqlFrontend.Execution;
using PredictEngine.Storage;
using PredictEngine.Storage.Configuration;
using Xunit;

namespace PredictEngine.Tests.Tds;

/// <summary>
/// Server-side file loading through SqlClient: OPENROWSET(BULK ...) over CSV, Parquet and SINGLE_BLOB (a
/// model file fed straight to PREDICT), SELECT INTO from a file, BULK INSERT that fails leaving the table as
/// it was, and a path outside the allowed directories refused with Msg 4861.
/// </summary>
public sealed class FileLoadClientTests : IClassFixture<TdsServerFixture>, IDisposable
{
    private readonly TdsServerFixture _server;
    private readonly string _files = Directory.CreateTempSubdirectory("predict-files-").FullName;

    public FileLoadClientTests(TdsServerFixture server)
    {
        _server = server;
        EngineServices.Configure(server.Database, new EngineConfig
        {
            Files = new FilesConfig { AllowedDirectories = [_files, TestPaths.Models] },
            ModelDirectories = [TestPaths.Models],
        }, dataDirectory: null);
        File.WriteAllText(Path.Combine(_files, "people.csv"), "id,name,score\n1,Ada,9.5\n2,Grace,\n3,\"Linus, T.\",7.25\n");
        File.WriteAllText(Path.Combine(_files, "bad.csv"), "id,name\n1,ok\nx,bad\n");
        File.WriteAllText(Path.Combine(_files, "good.csv"), "id,name\n7,fine\n8,skipped\n");
        using var scratch = EmbeddedDatabase.OpenInMemory();
        using var connection = scratch.Connect();
        connection.Execute($"COPY (SELECT i AS id, 'p' || i AS label, i * 0.5 AS half FROM range(1, 1001) t(i)) TO '{Path.Combine(_files, "numbers.parquet")}' (FORMAT parquet)");
    }

    public void Dispose() => Directory.Delete(_files, recursive: true);

    [Fact]
    public void OpenRowsetReadsCsvWithHeaderAndTypedColumns()
    {
        using var connection = _server.Open();
        using var command = new SqlCommand($"""
            SELECT r.id, r.name, r.score
            FROM OPENROWSET(BULK N'{_files}/people.csv', FORMAT = 'CSV', HEADER_ROW = TRUE, FIRSTROW = 1)
                 WITH (id int, name nvarchar(20), score float) AS r
            ORDER BY r.id
            """, connection);
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add($"{reader.GetInt32(0)}|{reader.GetString(1)}|{(reader.IsDBNull(2) ? "NULL" : reader.GetDouble(2).ToString(System.Globalization.CultureInfo.InvariantCulture))}");
        }

        Assert.Equal(["1|Ada|9.5", "2|Grace|NULL", "3|Linus, T.|7.25"], rows);
    }

    [Fact]
    public void SelectIntoFromParquetKeepsTheFilesTypes()
    {
        using var connection = _server.Open();
        Execute(connection, $"DROP TABLE IF EXISTS from_parquet; SELECT * INTO from_parquet FROM OPENROWSET(BULK N'{_files}/numbers.parquet', FORMAT = 'PARQUET') AS p");
        using var command = new SqlCommand("SELECT COUNT(*), SUM(id), MAX(label) FROM from_parquet WHERE half >= 250", connection);
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(501, reader.GetInt32(0));
        Assert.Equal("p999", reader.GetString(2));
    }

    [Fact]
    public void SingleBlobFeedsAModelFileToPredict()
    {
        // linear_percol: a diabetes regression with one [N,1] float input per column; the golden files hold
        // scikit-learn's prediction for each input row.
        var inputs = File.ReadAllLines(TestPaths.Model("linear_percol.inputs.csv"));
        var expected = File.ReadAllLines(TestPaths.Model("linear_percol.expected.csv"));
        var columns = inputs[0].Split(',');
        using var connection = _server.Open();
        Execute(connection, $"DROP TABLE IF EXISTS diabetes; CREATE TABLE diabetes (id int, {string.Join(", ", columns.Select(c => c + " real"))})");
        Execute(connection, $"INSERT INTO diabetes VALUES {string.Join(", ", inputs.Skip(1).Take(3).Select((line, i) => $"({i + 1}, {line})"))}");
        using var command = new SqlCommand($"""
            SELECT d.id, p.score
            FROM PREDICT(MODEL = (SELECT BulkColumn FROM OPENROWSET(BULK N'{TestPaths.Model("linear_percol.onnx")}', SINGLE_BLOB) AS m),
                         DATA = dbo.diabetes AS d, RUNTIME = ONNX) WITH (score real) AS p
            ORDER BY d.id
            """, connection);
        using var reader = command.ExecuteReader();
        for (var i = 1; i <= 3; i++)
        {
            Assert.True(reader.Read());
            Assert.Equal(i, reader.GetInt32(0));
            Assert.Equal(double.Parse(expected[i], System.Globalization.CultureInfo.InvariantCulture), reader.GetFloat(1), 3);
        }

        Assert.False(reader.Read());
    }

    [Fact]
    public void AFailedBulkInsertLeavesTheTableAsItWasAndNamesTheRow()
    {
        using var connection = _server.Open();
        Execute(connection, "DROP TABLE IF EXISTS loaded; CREATE TABLE loaded (id int, name nvarchar(10)); INSERT INTO loaded VALUES (0, N'before')");
        var error = Assert.Throws<SqlException>(() => Execute(connection,
            $"BULK INSERT loaded FROM N'{_files}/bad.csv' WITH (FORMAT = 'CSV', FIRSTROW = 2, FIELDTERMINATOR = ',', ROWTERMINATOR = '\\n')"));
        Assert.Equal(4864, error.Number);
        Assert.Contains("row 3, column 1 (id)", error.Message, StringComparison.Ordinal);
        using var count = new SqlCommand("SELECT COUNT(*) FROM loaded", connection);
        Assert.Equal(1, count.ExecuteScalar());

        Execute(connection, $"BULK INSERT loaded FROM N'{_files}/good.csv' WITH (FORMAT = 'CSV', FIRSTROW = 2, LASTROW = 2, FIELDTERMINATOR = ',', ROWTERMINATOR = '\\n')");
        Assert.Equal(2, count.ExecuteScalar());
    }

    [Fact]
    public void APathOutsideTheAllowedDirectoriesIsRefused()
    {
        using var connection = _server.Open();
        var error = Assert.Throws<SqlException>(() => Execute(connection, "SELECT * FROM OPENROWSET(BULK N'/etc/passwd', SINGLE_CLOB) AS f"));
        Assert.Equal(4861, error.Number);
        Assert.Contains("Operating system error code 5", error.Message, StringComparison.Ordinal);
        using var alive = new SqlCommand("SELECT 1", connection);
        Assert.Equal(1, alive.ExecuteScalar());
    }

    private static void Execute(SqlConnection connection, string sql)
    {
        using var command = new SqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
