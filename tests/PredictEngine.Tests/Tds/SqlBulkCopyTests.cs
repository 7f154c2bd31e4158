using System.Data;
using System.Diagnostics;
using Microsoft.Data.SqlClient;
using Xunit;
using Xunit.Abstractions;

namespace PredictEngine.Tests.Tds;

/// <summary>SqlBulkCopy (Microsoft.Data.SqlClient 2.1.4): the metadata batch, INSERT BULK and the streamed bulk load message.</summary>
public class SqlBulkCopyTests : IClassFixture<TdsServerFixture>
{
    private static readonly DateTime Start = new(2024, 2, 29, 12, 0, 0);
    private readonly TdsServerFixture _server;
    private readonly ITestOutputHelper _output;

    public SqlBulkCopyTests(TdsServerFixture server, ITestOutputHelper output)
    {
        _server = server;
        _output = output;
    }

    [Fact]
    public void CopiesOneHundredThousandRowsOfEveryCommonTypeWithNulls()
    {
        const int rows = 100_000;
        using var connection = _server.Open();
        Execute(connection, """
            DROP TABLE IF EXISTS bulk_all;
            CREATE TABLE bulk_all (id int, big bigint, name nvarchar(100), score float, amount decimal(18,4),
                ts datetime2, flag bit, guid uniqueidentifier, blob varbinary(max))
            """);
        using var table = AllTypesTable(rows);
        WarmUp(connection);
        using var bulk = new SqlBulkCopy(connection) { DestinationTableName = "dbo.bulk_all", BulkCopyTimeout = 120 };
        var clock = Stopwatch.StartNew();
        bulk.WriteToServer(table);
        clock.Stop();
        _output.WriteLine($"SqlBulkCopy: {rows} rows in {clock.Elapsed.TotalMilliseconds:F0} ms = {rows / clock.Elapsed.TotalSeconds:F0} rows/s");

        Assert.Equal(rows, Scalar(connection, "SELECT COUNT(*) FROM bulk_all"));
        Assert.Equal(rows - ((rows + 10) / 11), Scalar(connection, "SELECT COUNT(name) FROM bulk_all"));
        Assert.Equal(rows - ((rows + 12) / 13), Scalar(connection, "SELECT COUNT(amount) FROM bulk_all"));
        foreach (var id in new[] { 0, 1, 12_345, 65_535, 65_536, rows - 1 })
        {
            using var command = new SqlCommand($"SELECT * FROM bulk_all WHERE id = {id}", connection);
            using var reader = command.ExecuteReader();
            Assert.True(reader.Read());
            var expected = table.Rows[id].ItemArray;
            for (var c = 0; c < expected.Length; c++)
            {
                Assert.Equal(expected[c], reader.GetValue(c));
            }
        }
    }

    [Theory]
    [InlineData(SqlBulkCopyOptions.Default)]
    [InlineData(SqlBulkCopyOptions.UseInternalTransaction)]
    public void BatchSizeSendsSeveralInsertBulkRounds(SqlBulkCopyOptions options)
    {
        const int rows = 35_000;
        using var connection = _server.Open();
        var name = $"bulk_batches_{(int)options}";
        Execute(connection, $"DROP TABLE IF EXISTS {name}; CREATE TABLE {name} (id int, big bigint, name nvarchar(100), score float, amount decimal(18,4), ts datetime2, flag bit, guid uniqueidentifier, blob varbinary(max))");
        using var table = AllTypesTable(rows);
        using var bulk = new SqlBulkCopy(connection, options, null) { DestinationTableName = name, BatchSize = 10_000, NotifyAfter = 10_000 };
        var notified = new List<long>();
        bulk.SqlRowsCopied += (_, e) => notified.Add(e.RowsCopied);
        bulk.WriteToServer(table);

        Assert.Equal(new long[] { 10_000, 20_000, 30_000 }, notified);
        Assert.Equal(rows, Scalar(connection, $"SELECT COUNT(*) FROM {name}"));
        Assert.Equal((long)rows * (rows - 1) / 2, Convert.ToInt64(Scalar(connection, $"SELECT SUM(id) FROM {name}"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void CopiesFromADataReaderWithColumnMappings()
    {
        using var source = _server.Open();
        using var target = _server.Open();
        Execute(target, "DROP TABLE IF EXISTS bulk_reader; CREATE TABLE bulk_reader (label nvarchar(50), extra int, n bigint)");
        using var query = new SqlCommand("SELECT value AS n, 'row ' + CAST(value AS nvarchar(10)) AS label FROM GENERATE_SERIES(0, 49999)", source);
        using var reader = query.ExecuteReader();
        using var bulk = new SqlBulkCopy(target) { DestinationTableName = "[dbo].[bulk_reader]", EnableStreaming = true };
        bulk.ColumnMappings.Add("n", "n");
        bulk.ColumnMappings.Add("label", "label");
        bulk.WriteToServer(reader);

        Assert.Equal(50_000, Scalar(target, "SELECT COUNT(*) FROM bulk_reader"));
        Assert.Equal(0, Scalar(target, "SELECT COUNT(extra) FROM bulk_reader"));
        Assert.Equal("row 41234", Scalar(target, "SELECT label FROM bulk_reader WHERE n = 41234"));
    }

    [Fact]
    public async Task CopiesAsynchronously()
    {
        await using var connection = new SqlConnection(_server.ConnectionString());
        await connection.OpenAsync();
        Execute(connection, "DROP TABLE IF EXISTS bulk_async; CREATE TABLE bulk_async (id int, big bigint, name nvarchar(100), score float, amount decimal(18,4), ts datetime2, flag bit, guid uniqueidentifier, blob varbinary(max))");
        using var table = AllTypesTable(20_000);
        using var bulk = new SqlBulkCopy(connection) { DestinationTableName = "bulk_async", BatchSize = 7_000 };
        await bulk.WriteToServerAsync(table);
        Assert.Equal(20_000, Scalar(connection, "SELECT COUNT(*) FROM bulk_async"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ACopyInsideASqlTransactionCommitsOrRollsBackWithIt(bool commit)
    {
        using var connection = _server.Open();
        var name = $"bulk_in_tx_{commit}".ToLowerInvariant();
        Execute(connection, $"DROP TABLE IF EXISTS {name}; CREATE TABLE {name} (id int, name nvarchar(50))");
        using var table = new DataTable();
        table.Columns.Add("id", typeof(int));
        table.Columns.Add("name", typeof(string));
        for (var i = 0; i < 1_000; i++)
        {
            table.Rows.Add(i, $"n{i}");
        }

        using (var transaction = connection.BeginTransaction())
        {
            using var bulk = new SqlBulkCopy(connection, SqlBulkCopyOptions.Default, transaction) { DestinationTableName = name };
            bulk.WriteToServer(table);
            using (var count = new SqlCommand($"SELECT COUNT(*) FROM {name}", connection, transaction))
            {
                Assert.Equal(1_000, count.ExecuteScalar());
            }

            if (commit)
            {
                transaction.Commit();
            }
            else
            {
                transaction.Rollback();
            }
        }

        Assert.Equal(commit ? 1_000 : 0, Scalar(connection, $"SELECT COUNT(*) FROM {name}"));
    }

    [Fact]
    public void AMissingTableIsAnErrorAndTheSessionLivesOn()
    {
        using var connection = _server.Open();
        using var table = AllTypesTable(10);
        using var bulk = new SqlBulkCopy(connection) { DestinationTableName = "dbo.no_such_bulk_table" };
        var error = Assert.ThrowsAny<Exception>(() => bulk.WriteToServer(table));
        Assert.Contains("Invalid object name 'dbo.no_such_bulk_table'", (error.InnerException ?? error).Message, StringComparison.Ordinal);
        Assert.Equal(1, Scalar(connection, "SELECT 1"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(40_000)]
    public void AValueOfTheWrongTypeFailsCleanlyAndLeavesTheTableAsItWas(int badRow)
    {
        using var connection = _server.Open();
        var name = $"bulk_wrong_{badRow}";
        Execute(connection, $"DROP TABLE IF EXISTS {name}; CREATE TABLE {name} (id int, name nvarchar(50)); INSERT INTO {name} VALUES (-1, 'kept'), (-2, 'kept')");
        using var table = new DataTable();
        table.Columns.Add("id", typeof(string));
        table.Columns.Add("name", typeof(string));
        for (var i = 0; i < 50_000; i++)
        {
            table.Rows.Add(i == badRow ? "not a number" : i.ToString(System.Globalization.CultureInfo.InvariantCulture), $"name {i}");
        }

        using var bulk = new SqlBulkCopy(connection) { DestinationTableName = name };
        Assert.ThrowsAny<InvalidOperationException>(() => bulk.WriteToServer(table));
        Assert.Equal(2, Scalar(connection, $"SELECT COUNT(*) FROM {name}"));
        Assert.Equal(1, Scalar(connection, "SELECT 1"));
    }

    /// <summary>
    /// SqlClient converts every value to the column's type before sending, so what fails on the server
    /// is what only the storage checks: here a duplicate primary key, found after the client sent its rows.
    /// </summary>
    [Fact]
    public void AColumnTheStorageCannotLoadFailsOnTheServerAndLeavesTheTableAsItWas()
    {
        using var connection = _server.Open();
        Execute(connection, "DROP TABLE IF EXISTS bulk_tiny; CREATE TABLE bulk_tiny (id int PRIMARY KEY, small tinyint); INSERT INTO bulk_tiny VALUES (1, 1)");
        using var table = new DataTable();
        table.Columns.Add("id", typeof(int));
        table.Columns.Add("small", typeof(short));
        table.Rows.Add(2, (short)2);
        table.Rows.Add(1, (short)3);
        using var bulk = new SqlBulkCopy(connection) { DestinationTableName = "bulk_tiny" };
        var error = Assert.Throws<SqlException>(() => bulk.WriteToServer(table));
        Assert.Equal(2627, error.Number);
        Assert.Contains("The duplicate key value is (1)", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, Scalar(connection, "SELECT COUNT(*) FROM bulk_tiny"));
        Assert.Equal(1, Scalar(connection, "SELECT 1"));
    }

    /// <summary>A small copy first, so the timing below measures the copy and not SqlClient's JIT.</summary>
    private static void WarmUp(SqlConnection connection)
    {
        Execute(connection, "DROP TABLE IF EXISTS bulk_warm_up; SELECT TOP (0) * INTO bulk_warm_up FROM bulk_all");
        using var table = AllTypesTable(10_000);
        using var bulk = new SqlBulkCopy(connection) { DestinationTableName = "bulk_warm_up" };
        bulk.WriteToServer(table);
        Execute(connection, "DROP TABLE bulk_warm_up");
    }

    private static DataTable AllTypesTable(int rows)
    {
        var table = new DataTable();
        table.Columns.Add("id", typeof(int));
        table.Columns.Add("big", typeof(long));
        table.Columns.Add("name", typeof(string));
        table.Columns.Add("score", typeof(double));
        table.Columns.Add("amount", typeof(decimal));
        table.Columns.Add("ts", typeof(DateTime));
        table.Columns.Add("flag", typeof(bool));
        table.Columns.Add("guid", typeof(Guid));
        table.Columns.Add("blob", typeof(byte[]));
        table.BeginLoadData();
        for (var i = 0; i < rows; i++)
        {
            table.Rows.Add(
                i,
                i % 7 == 3 ? DBNull.Value : i * 1_000_000_007L,
                i % 11 == 0 ? DBNull.Value : $"name {i} ✓ é",
                i * 0.5,
                i % 13 == 0 ? DBNull.Value : (i * 1.2345m) - 5000m,
                i % 5 == 4 ? DBNull.Value : Start.AddSeconds(i).AddTicks(i % 10 * 10),
                i % 17 == 0 ? DBNull.Value : i % 2 == 0,
                i % 19 == 0 ? DBNull.Value : new Guid(i, (short)i, (short)(i >> 16), 1, 2, 3, 4, 5, 6, 7, (byte)i),
                i % 23 == 0 ? DBNull.Value : BitConverter.GetBytes(i));
        }

        table.EndLoadData();
        return table;
    }

    private static void Execute(SqlConnection connection, string sql)
    {
        using var command = new SqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static object Scalar(SqlConnection connection, string sql)
    {
        using var command = new SqlCommand(sql, connection);
        return command.ExecuteScalar();
    }
}
