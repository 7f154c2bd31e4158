using System.Data;
using Microsoft.Data.SqlClient;
using PredictEngine.Tests.Tds;
using Xunit;

namespace PredictEngine.Tests.Frontend.Session;

/// <summary>The T-SQL session through Microsoft.Data.SqlClient: messages, errors, output parameters, counts, transactions.</summary>
public sealed class SessionClientTests : IClassFixture<TdsServerFixture>
{
    private readonly TdsServerFixture _server;

    public SessionClientTests(TdsServerFixture server)
    {
        _server = server;
    }

    [Fact]
    public void PrintAndLowSeverityRaiserrorArriveAsInfoMessages()
    {
        using var connection = _server.Open();
        var messages = new List<(int Number, byte Class, string Message)>();
        connection.InfoMessage += (_, e) => messages.AddRange(e.Errors.Cast<SqlError>().Select(x => (x.Number, x.Class, x.Message)));
        using var command = new SqlCommand("PRINT N'hello'; DECLARE @n int = 3; PRINT @n; RAISERROR(N'step %d of %d', 0, 1, 1, 2) WITH NOWAIT;", connection);
        command.ExecuteNonQuery();
        Assert.Equal([(0, (byte)0, "hello"), (0, (byte)0, "3"), (50000, (byte)0, "step 1 of 2")], messages);
    }

    [Fact]
    public void RaiserrorAndThrowAreSqlExceptionsWithNumberClassStateAndLine()
    {
        using var connection = _server.Open();
        using var raise = new SqlCommand("SELECT 1;\nRAISERROR(N'bad %s', 16, 4, N'thing');", connection);
        var error = Assert.Throws<SqlException>(() => raise.ExecuteNonQuery());
        Assert.Equal((50000, (byte)16, (byte)4, 2, "bad thing"), (error.Number, error.Class, error.State, error.LineNumber, error.Message));

        using var throwing = new SqlCommand("\n\nTHROW 51000, N'thrown', 7;", connection);
        error = Assert.Throws<SqlException>(() => throwing.ExecuteNonQuery());
        Assert.Equal((51000, (byte)16, (byte)7, 3, "thrown"), (error.Number, error.Class, error.State, error.LineNumber, error.Message));
    }

    [Fact]
    public void ErrorsCaughtByTryCatchDoNotReachTheClient()
    {
        using var connection = _server.Open();
        using var command = new SqlCommand("BEGIN TRY RAISERROR(N'inside', 16, 1); END TRY BEGIN CATCH SELECT ERROR_MESSAGE() END CATCH", connection);
        Assert.Equal("inside", command.ExecuteScalar());
    }

    [Fact]
    public void OutputParametersOfAParameterizedBatchComeBack()
    {
        using var connection = _server.Open();
        using var command = new SqlCommand("SET @doubled = @value * 2; SET @label = N'v' + CAST(@value AS nvarchar(10));", connection);
        command.Parameters.Add(new SqlParameter("@value", SqlDbType.Int) { Value = 21 });
        var doubled = command.Parameters.Add(new SqlParameter("@doubled", SqlDbType.Int) { Direction = ParameterDirection.Output });
        var label = command.Parameters.Add(new SqlParameter("@label", SqlDbType.NVarChar, 20) { Direction = ParameterDirection.InputOutput, Value = "x" });
        command.ExecuteNonQuery();
        Assert.Equal(42, doubled.Value);
        Assert.Equal("v21", label.Value);
    }

    [Fact]
    public void SpExecuteSqlInABatchCopiesOutputBack()
    {
        using var connection = _server.Open();
        using var command = new SqlCommand("""
            DECLARE @r int;
            EXEC sp_executesql N'SELECT @out = @a + @b', N'@a int, @b int, @out int OUTPUT', 40, @b = 2, @out = @r OUTPUT;
            SELECT @r
            """, connection);
        Assert.Equal(42, command.ExecuteScalar());
    }

    [Fact]
    public void RowCountsNoCountAndScopeIdentity()
    {
        using var connection = _server.Open();
        using (var create = new SqlCommand("CREATE TABLE ident_rows (id int IDENTITY(10,5), v int)", connection))
        {
            create.ExecuteNonQuery();
        }

        using var insert = new SqlCommand("INSERT INTO ident_rows (v) VALUES (1), (2)", connection);
        Assert.Equal(2, insert.ExecuteNonQuery());
        using var identity = new SqlCommand("INSERT INTO ident_rows (v) VALUES (3); SELECT CAST(SCOPE_IDENTITY() AS int)", connection);
        Assert.Equal(20, identity.ExecuteScalar());
        using var rowCount = new SqlCommand("UPDATE ident_rows SET v = v + 1 WHERE v > 1; SELECT @@ROWCOUNT", connection);
        Assert.Equal(2, rowCount.ExecuteScalar());
        using var quiet = new SqlCommand("SET NOCOUNT ON; INSERT INTO ident_rows (v) VALUES (4); SET NOCOUNT OFF", connection);
        Assert.Equal(-1, quiet.ExecuteNonQuery());
    }

    [Fact]
    public void TransactionsNestLikeSqlServer()
    {
        using var connection = _server.Open();
        using (var create = new SqlCommand("CREATE TABLE tran_rows (v int)", connection))
        {
            create.ExecuteNonQuery();
        }

        using var nested = new SqlCommand("""
            BEGIN TRAN; BEGIN TRAN;
            INSERT INTO tran_rows VALUES (1);
            COMMIT;
            SELECT @@TRANCOUNT;
            """, connection);
        Assert.Equal(2 - 1, nested.ExecuteScalar());
        using var rollback = new SqlCommand("ROLLBACK; SELECT @@TRANCOUNT, (SELECT COUNT(*) FROM tran_rows)", connection);
        using (var reader = rollback.ExecuteReader())
        {
            Assert.True(reader.Read());
            Assert.Equal((0, 0), (reader.GetInt32(0), reader.GetInt32(1)));
        }

        using var client = connection.BeginTransaction();
        using var inClient = new SqlCommand("INSERT INTO tran_rows VALUES (2); SELECT @@TRANCOUNT", connection, client);
        Assert.Equal(1, inClient.ExecuteScalar());
        client.Commit();
        using var count = new SqlCommand("SELECT COUNT(*) FROM tran_rows", connection);
        Assert.Equal(1, count.ExecuteScalar());
    }

    [Fact]
    public void CommitWithoutBeginIsMsg3902()
    {
        using var connection = _server.Open();
        using var command = new SqlCommand("COMMIT", connection);
        Assert.Equal(3902, Assert.Throws<SqlException>(() => command.ExecuteNonQuery()).Number);
    }

    [Fact]
    public void XactAbortRollsBackAndEndsTheBatch()
    {
        using var connection = _server.Open();
        using (var create = new SqlCommand("CREATE TABLE xact_rows (v int)", connection))
        {
            create.ExecuteNonQuery();
        }

        using var failing = new SqlCommand("SET XACT_ABORT ON; BEGIN TRAN; INSERT INTO xact_rows VALUES (1); SELECT 1 / 0; INSERT INTO xact_rows VALUES (2);", connection);
        Assert.Equal(8134, Assert.Throws<SqlException>(() => failing.ExecuteNonQuery()).Number);
        using var check = new SqlCommand("SET XACT_ABORT OFF; SELECT @@TRANCOUNT * 100 + (SELECT COUNT(*) FROM xact_rows)", connection);
        Assert.Equal(0, check.ExecuteScalar());
    }

    [Fact]
    public void StatisticsTimeReportsEachStatement()
    {
        using var connection = _server.Open();
        var messages = new List<string>();
        connection.InfoMessage += (_, e) => messages.Add(e.Message);
        using var command = new SqlCommand("SET STATISTICS TIME ON; SELECT 1; SET STATISTICS TIME OFF;", connection);
        command.ExecuteNonQuery();
        Assert.Contains(messages, m => m.StartsWith(" SQL Server Execution Times:\n   CPU time = ", StringComparison.Ordinal) && m.EndsWith(" ms.", StringComparison.Ordinal));
    }

    [Fact]
    public void VersionMatchesTheLoginAck()
    {
        using var connection = _server.Open();
        using var command = new SqlCommand("SELECT @@VERSION", connection);
        var version = (string)command.ExecuteScalar();
        Assert.StartsWith("Microsoft SQL Server 2022", version, StringComparison.Ordinal);
        Assert.Contains(connection.ServerVersion[..4], version, StringComparison.Ordinal);
    }
}
