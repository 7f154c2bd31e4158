using System.Text.Json;
using Xunit;

namespace PredictEngine.Tests.Tds;

/// <summary>
/// pymssql 2.2 (Debian python3-pymssql, on FreeTDS's db-lib) against the in-process server. On connect
/// it sends ENCRYPTION=OFF (login-only TLS), then the batch <c>SET ARITHABORT ON;...;SET TEXTSIZE
/// 2147483647;</c>, then <c>use [predict]</c>, then <c>BEGIN TRAN</c> (autocommit is off); commit()
/// and rollback() send <c>COMMIT TRAN</c>/<c>ROLLBACK TRAN</c> and a new <c>BEGIN TRAN</c>. The server
/// runs these like any T-SQL batch. Parameters are substituted client-side.
/// </summary>
public sealed class PymssqlTests : IClassFixture<TdsServerFixture>
{
    private const string Python = "/usr/bin/python3";
    private readonly TdsServerFixture _server;

    public PymssqlTests(TdsServerFixture server)
    {
        _server = server;
    }

    [Fact]
    public void ConnectsCreatesInsertsAndReadsTypesAndNulls()
    {
        var result = Run("roundtrip", "py_types");

        Assert.Equal(1, result.GetProperty("inserted").GetInt32());
        Assert.Equal(["i", "big", "s", "d", "m", "b", "dt", "ts"], Strings(result.GetProperty("columns")));
        var rows = result.GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal(2, rows.Length);
        Assert.Equal(
            ["int:1", "int:9000000000", "str:it's héllo 日本", "float:1.5", "Decimal:12.34", "bool:True", "date:2024-01-02", "datetime:2024-01-02 03:04:05.500000"],
            rows[0].EnumerateArray().Select(Typed));
        Assert.Equal("int:2", Typed(rows[1][0]));
        Assert.All(rows[1].EnumerateArray().Skip(1), v => Assert.Equal("NoneType:", Typed(v)));
        var asDict = Assert.Single(result.GetProperty("as_dict").EnumerateArray().ToArray());
        Assert.Equal(1, asDict.GetProperty("i").GetInt32());
        Assert.Equal("it's héllo 日本", asDict.GetProperty("s").GetString());
        Assert.Contains(_server.Log, l => l.Contains("connected (pymssql=", StringComparison.Ordinal) && l.Contains("TDS 0x74000004, login-only TLS)", StringComparison.Ordinal));
    }

    [Fact]
    public void ErrorsRaiseWithTheServersNumberAndMessage()
    {
        var result = Run("errors", "py_errors");

        // pymssql raises ProgrammingError for SQL Server's 102, 207, 208, 2812 and 4104, OperationalError otherwise.
        AssertFailure(result.GetProperty("syntax"), "ProgrammingError", 2812, "Could not find stored procedure 'SELEC'.");
        AssertFailure(result.GetProperty("missing"), "ProgrammingError", 208, "Invalid object name 'py_errors_missing'.");
        AssertFailure(result.GetProperty("implicit"), "OperationalError", 50104, "SET IMPLICIT_TRANSACTIONS ON is not supported");
        Assert.Equal("still here", result.GetProperty("after").GetString());
        AssertFailure(result.GetProperty("wrong_database"), "OperationalError", 4060, "Cannot open database \"nope\"");
        AssertFailure(result.GetProperty("wrong_password"), "OperationalError", 18456, "Login failed for user 'sa'.");
    }

    [Fact]
    public void CommitAndRollbackMapToTransactions()
    {
        var result = Run("transactions", "py_tx");

        // A second, autocommit connection does not see the first one's open transaction.
        Assert.Equal(0, result.GetProperty("uncommitted").GetInt32());
        Assert.Equal(0, result.GetProperty("after_rollback").GetInt32());
        Assert.Equal(1, result.GetProperty("after_commit").GetInt32());
        Assert.Equal(2, result.GetProperty("autocommitted").GetInt32());
    }

    private JsonElement Run(string scenario, string table)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Tds", "clients", "pymssql_client.py");
        var result = ExternalProcess.Run(
            ExternalProcess.Require(Python, "python3-pymssql"),
            [script, "127.0.0.1", $"{_server.Server.EndPoint.Port}", TdsServerFixture.Password, scenario, table]);
        Assert.True(result.ExitCode == 0, result.ToString());
        using var document = JsonDocument.Parse(result.Stdout);
        return document.RootElement.Clone();
    }

    private static void AssertFailure(JsonElement failure, string exceptionClass, int number, string message)
    {
        Assert.Equal(JsonValueKind.Object, failure.ValueKind);
        Assert.Equal(exceptionClass, failure.GetProperty("class").GetString());
        Assert.Equal(number, failure.GetProperty("number").GetInt32());
        Assert.Contains(message, failure.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static string Typed(JsonElement pair) => $"{pair[0].GetString()}:{pair[1].GetString()}";

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();
}
