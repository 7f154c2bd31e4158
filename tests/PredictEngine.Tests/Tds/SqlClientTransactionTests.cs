using System.Data;
using Microsoft.Data.SqlClient;
using Xunit;

namespace PredictEngine.Tests.Tds;

/// <summary>SqlTransaction (transaction manager requests) and batch-level BEGIN/COMMIT/ROLLBACK through Microsoft.Data.SqlClient 2.1.4.</summary>
public class SqlClientTransactionTests : IClassFixture<TdsServerFixture>
{
    private readonly TdsServerFixture _server;

    public SqlClientTransactionTests(TdsServerFixture server)
    {
        _server = server;
    }

    [Fact]
    public void CommitKeepsRowsAndHidesThemFromOthersUntilThen()
    {
        using var connection = _server.Open();
        using var other = _server.Open();
        Execute(connection, "DROP TABLE IF EXISTS tx_commit; CREATE TABLE tx_commit (i INTEGER)");
        using (var transaction = connection.BeginTransaction())
        {
            Execute(connection, "INSERT INTO tx_commit VALUES (1), (2), (3)", transaction);
            Assert.Equal(3, Scalar(connection, "SELECT COUNT(*) FROM tx_commit", transaction));
            Assert.Equal(0, Scalar(other, "SELECT COUNT(*) FROM tx_commit"));
            transaction.Commit();
        }

        Assert.Equal(3, Scalar(connection, "SELECT COUNT(*) FROM tx_commit"));
        Assert.Equal(3, Scalar(other, "SELECT COUNT(*) FROM tx_commit"));
    }

    [Fact]
    public void RollbackDiscardsRows()
    {
        using var connection = _server.Open();
        Execute(connection, "DROP TABLE IF EXISTS tx_rollback; CREATE TABLE tx_rollback (i INTEGER); INSERT INTO tx_rollback VALUES (0)");
        using (var transaction = connection.BeginTransaction())
        {
            Execute(connection, "INSERT INTO tx_rollback VALUES (1), (2)", transaction);
            Execute(connection, "DELETE FROM tx_rollback WHERE i = 0", transaction);
            transaction.Rollback();
        }

        Assert.Equal(0, Scalar(connection, "SELECT MIN(i) FROM tx_rollback"));
        Assert.Equal(1, Scalar(connection, "SELECT COUNT(*) FROM tx_rollback"));
    }

    [Theory]
    [InlineData(IsolationLevel.ReadCommitted)]
    [InlineData(IsolationLevel.Serializable)]
    [InlineData(IsolationLevel.Snapshot)]
    public void IsolationLevelsBeginTransactions(IsolationLevel level)
    {
        using var connection = _server.Open();
        var table = $"tx_iso_{level}".ToLowerInvariant();
        Execute(connection, $"DROP TABLE IF EXISTS {table}; CREATE TABLE {table} (i INTEGER)");
        using var transaction = connection.BeginTransaction(level);
        Assert.Equal(level, transaction.IsolationLevel);
        Execute(connection, $"INSERT INTO {table} VALUES (7)", transaction);
        transaction.Commit();
        Assert.Equal(7, Scalar(connection, $"SELECT i FROM {table}"));
    }

    [Fact]
    public void AnErrorInsideATransactionThenRollback()
    {
        using var connection = _server.Open();
        Execute(connection, "DROP TABLE IF EXISTS tx_error; CREATE TABLE tx_error (i INTEGER PRIMARY KEY)");
        using (var transaction = connection.BeginTransaction())
        {
            Execute(connection, "INSERT INTO tx_error VALUES (1)", transaction);
            Assert.Throws<SqlException>(() => Execute(connection, "SELECT * FROM no_such_table_in_tx", transaction));
            Assert.Throws<SqlException>(() => Execute(connection, "INSERT INTO tx_error VALUES (1)", transaction));
            transaction.Rollback();
        }

        Assert.Equal(0, Scalar(connection, "SELECT COUNT(*) FROM tx_error"));
        using (var again = connection.BeginTransaction())
        {
            Execute(connection, "INSERT INTO tx_error VALUES (2)", again);
            again.Commit();
        }

        Assert.Equal(2, Scalar(connection, "SELECT i FROM tx_error"));
    }

    [Fact]
    public void CommittingAnAbortedTransactionFailsAndRollsBack()
    {
        using var connection = _server.Open();
        Execute(connection, "DROP TABLE IF EXISTS tx_aborted; CREATE TABLE tx_aborted (i INTEGER PRIMARY KEY)");
        var transaction = connection.BeginTransaction();
        Execute(connection, "INSERT INTO tx_aborted VALUES (1)", transaction);
        Assert.Throws<SqlException>(() => Execute(connection, "INSERT INTO tx_aborted VALUES (1)", transaction));
        var error = Assert.Throws<SqlException>(transaction.Commit);
        Assert.Equal(3930, error.Number);
        Assert.Equal(0, Scalar(connection, "SELECT COUNT(*) FROM tx_aborted"));
        Execute(connection, "INSERT INTO tx_aborted VALUES (1)");
        Assert.Equal(1, Scalar(connection, "SELECT COUNT(*) FROM tx_aborted"));
    }

    [Fact]
    public void BatchLevelTransactionStatements()
    {
        using var connection = _server.Open();
        Execute(connection, "DROP TABLE IF EXISTS tx_batch; CREATE TABLE tx_batch (i INTEGER)");
        Execute(connection, "BEGIN TRANSACTION; INSERT INTO tx_batch VALUES (1); ROLLBACK");
        Assert.Equal(0, Scalar(connection, "SELECT COUNT(*) FROM tx_batch"));

        Execute(connection, "BEGIN TRANSACTION; INSERT INTO tx_batch VALUES (2); COMMIT");
        Assert.Equal(2, Scalar(connection, "SELECT i FROM tx_batch"));

        // A transaction begun in one batch and ended in a later one.
        Execute(connection, "BEGIN TRANSACTION");
        Execute(connection, "INSERT INTO tx_batch VALUES (3)");
        Execute(connection, "-- no more\nROLLBACK;");
        Assert.Equal(1, Scalar(connection, "SELECT COUNT(*) FROM tx_batch"));
    }

    [Fact]
    public void UnsupportedAndOutOfSequenceRequestsAreErrorsAndTheSessionLivesOn()
    {
        using var connection = _server.Open();
        Execute(connection, "DROP TABLE IF EXISTS tx_save; CREATE TABLE tx_save (i INTEGER)");
        var transaction = connection.BeginTransaction();
        Execute(connection, "INSERT INTO tx_save VALUES (1)", transaction);
        var error = Assert.Throws<SqlException>(() => transaction.Save("point"));
        Assert.Contains("SAVE TRANSACTION is not supported", error.Message, StringComparison.Ordinal);

        // The failed request leaves the transaction open (@@TRANCOUNT is still 1, which SqlClient checks
        // after the error), so the client keeps it and can still roll it back.
        Assert.Equal(1, Scalar(connection, "SELECT @@TRANCOUNT", transaction));
        transaction.Rollback();
        Assert.Equal(0, Scalar(connection, "SELECT COUNT(*) FROM tx_save"));

        Assert.Equal(3902, Assert.Throws<SqlException>(() => Execute(connection, "COMMIT")).Number);
        Assert.Equal(3903, Assert.Throws<SqlException>(() => Execute(connection, "ROLLBACK")).Number);
        Assert.Equal(1, Scalar(connection, "SELECT 1"));
    }

    [Fact]
    public void APooledConnectionResetRollsBackATransactionLeftOpen()
    {
        var pooled = new SqlConnectionStringBuilder(_server.ConnectionString()) { Pooling = true, MaxPoolSize = 1, ApplicationName = "tx-pool" }.ConnectionString;
        using (var setup = _server.Open())
        {
            Execute(setup, "DROP TABLE IF EXISTS tx_pool; CREATE TABLE tx_pool (i INTEGER)");
        }

        using (var first = new SqlConnection(pooled))
        {
            first.Open();
            Execute(first, "BEGIN TRANSACTION; INSERT INTO tx_pool VALUES (1)");
        }

        using (var second = new SqlConnection(pooled))
        {
            second.Open();
            Assert.Equal(0, Scalar(second, "SELECT COUNT(*) FROM tx_pool"));
            Execute(second, "INSERT INTO tx_pool VALUES (2)");
        }

        SqlConnection.ClearPool(new SqlConnection(pooled));
        using var check = _server.Open();
        Assert.Equal(2, Scalar(check, "SELECT i FROM tx_pool"));
    }

    private static void Execute(SqlConnection connection, string sql, SqlTransaction? transaction = null)
    {
        using var command = new SqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }

    private static object Scalar(SqlConnection connection, string sql, SqlTransaction? transaction = null)
    {
        using var command = new SqlCommand(sql, connection, transaction);
        return command.ExecuteScalar();
    }
}
