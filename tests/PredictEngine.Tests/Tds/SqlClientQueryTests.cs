using System.Diagnostics;
using Microsoft.Data.SqlClient;
using Xunit;

namespace PredictEngine.Tests.Tds;

/// <summary>Result sets, types, NULLs, row counts, errors and cancellation through Microsoft.Data.SqlClient 2.1.4.</summary>
public class SqlClientQueryTests : IClassFixture<TdsServerFixture>
{
    private readonly TdsServerFixture _server;

    public SqlClientQueryTests(TdsServerFixture server)
    {
        _server = server;
    }

    [Fact]
    public void EveryStoredTypeRoundTripsWithNulls()
    {
        using var connection = _server.Open();
        Execute(connection, """
            DROP TABLE IF EXISTS all_types;
            CREATE TABLE all_types (b bit, ti tinyint, si smallint, i int, bi bigint, r real, f float,
                d4 decimal(4,2), d18 decimal(18,4), d38 decimal(38,10), s nvarchar(20), bin varbinary(10), dt date, tm time, ts datetime2, u uniqueidentifier);
            INSERT INTO all_types VALUES (1, 255, -32768, -2147483648, 9223372036854775807, 1.5, -2.25,
                12.34, -12345678901234.5678, 1234567890123456789012345678.0123456789, N'héllo', 0x00FF, '1969-07-20',
                '23:59:58.123456', '2024-02-29 12:34:56.789012', '6f9619ff-8b86-d011-b42d-00c04fc964ff');
            INSERT INTO all_types VALUES (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
            """);
        using var command = new SqlCommand("SELECT * FROM all_types ORDER BY CASE WHEN i IS NULL THEN 1 ELSE 0 END, i", connection);
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.True(reader.GetBoolean(0));
        Assert.Equal((byte)255, reader.GetByte(1));
        Assert.Equal((short)-32768, reader.GetInt16(2));
        Assert.Equal(int.MinValue, reader.GetInt32(3));
        Assert.Equal(long.MaxValue, reader.GetInt64(4));
        Assert.Equal(1.5f, reader.GetFloat(5));
        Assert.Equal(-2.25, reader.GetDouble(6));
        Assert.Equal(12.34m, reader.GetDecimal(7));
        Assert.Equal(-12345678901234.5678m, reader.GetDecimal(8));
        Assert.Equal("1234567890123456789012345678.0123456789", reader.GetSqlDecimal(9).ToString());
        Assert.Equal("héllo", reader.GetString(10));
        Assert.Equal(new byte[] { 0x00, 0xFF }, (byte[])reader.GetValue(11));
        Assert.Equal(new DateTime(1969, 7, 20), reader.GetDateTime(12));
        Assert.Equal(new TimeSpan(0, 23, 59, 58, 123) + TimeSpan.FromTicks(4560), reader.GetTimeSpan(13));
        Assert.Equal(new DateTime(2024, 2, 29, 12, 34, 56, 789).AddTicks(120), reader.GetDateTime(14));
        Assert.Equal(Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff"), reader.GetGuid(15));
        Assert.Equal("bit", reader.GetDataTypeName(0));
        Assert.Equal("decimal", reader.GetDataTypeName(9));
        Assert.Equal("uniqueidentifier", reader.GetDataTypeName(15));

        Assert.True(reader.Read());
        for (var c = 0; c < reader.FieldCount; c++)
        {
            Assert.True(reader.IsDBNull(c), $"column {reader.GetName(c)} should be NULL");
        }

        Assert.False(reader.Read());
    }

    [Fact]
    public void MultipleResultSetsAndRowCounts()
    {
        using var connection = _server.Open();
        Execute(connection, "DROP TABLE IF EXISTS counts; CREATE TABLE counts (i int)");
        using (var insert = new SqlCommand("INSERT INTO counts SELECT value FROM GENERATE_SERIES(0, 4)", connection))
        {
            Assert.Equal(5, insert.ExecuteNonQuery());
        }

        using var command = new SqlCommand("SELECT COUNT(*) AS n FROM counts; UPDATE counts SET i = i + 1 WHERE i < 2; SELECT 'second' AS s, NULL AS empty", connection);
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(5, reader.GetInt32(0));
        Assert.True(reader.NextResult());
        Assert.True(reader.Read());
        Assert.Equal("second", reader.GetString(0));
        Assert.True(reader.IsDBNull(1));
        Assert.False(reader.NextResult());
        reader.Close();
        Assert.Equal(2, reader.RecordsAffected);
    }

    [Fact]
    public void ErrorsComeBackAsSqlExceptionsAndTheSessionLivesOn()
    {
        using var connection = _server.Open();
        using (var bad = new SqlCommand("SELECT * FROM WHERE", connection))
        {
            var error = Assert.Throws<SqlException>(() => bad.ExecuteScalar());
            Assert.Equal(156, error.Number);
            Assert.Equal(15, error.Class);
            Assert.Equal("Incorrect syntax near the keyword 'WHERE'.", error.Message);
        }

        using (var missing = new SqlCommand("SELECT * FROM no_such_table", connection))
        {
            var error = Assert.Throws<SqlException>(() => missing.ExecuteReader());
            Assert.Equal(208, error.Number);
            Assert.Equal("Invalid object name 'no_such_table'.", error.Message);
        }

        using var ok = new SqlCommand("SELECT 7", connection);
        Assert.Equal(7, ok.ExecuteScalar());
    }

    [Fact]
    public void CancelStopsALongQueryPromptly()
    {
        using var connection = _server.Open();
        using var command = new SqlCommand("SELECT COUNT_BIG(*) FROM GENERATE_SERIES(1, 2000000000) a CROSS JOIN GENERATE_SERIES(1, 1000) b", connection) { CommandTimeout = 60 };
        var clock = Stopwatch.StartNew();
        var running = Task.Run(() => command.ExecuteScalar());
        while (_server.Server.RunningRequests == 0 && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            Thread.Sleep(10); // Cancel() is a no-op until the command is on the wire.
        }

        Thread.Sleep(200);
        command.Cancel();
        var error = Assert.ThrowsAny<SqlException>(() => running.GetAwaiter().GetResult());
        Assert.Contains("cancel", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"cancel took {clock.Elapsed}");

        using var after = new SqlCommand("SELECT 'alive'", connection);
        Assert.Equal("alive", after.ExecuteScalar());
    }

    [Fact]
    public void CommandTimeoutSendsAttention()
    {
        using var connection = _server.Open();
        using var command = new SqlCommand("SELECT COUNT_BIG(*) FROM GENERATE_SERIES(1, 2000000000) a CROSS JOIN GENERATE_SERIES(1, 1000) b", connection) { CommandTimeout = 1 };
        var error = Assert.Throws<SqlException>(() => command.ExecuteScalar());
        Assert.Equal(-2, error.Number); // SqlClient's timeout
        using var after = new SqlCommand("SELECT 1", connection);
        Assert.Equal(1, after.ExecuteScalar());
    }

    [Fact]
    public void ParameterizedCommandsRunAsRpc()
    {
        using var connection = _server.Open();
        using var command = new SqlCommand("SELECT @x + 1", connection);
        command.Parameters.AddWithValue("@x", 1);
        Assert.Equal(2, command.ExecuteScalar());
        using var after = new SqlCommand("SELECT 2", connection);
        Assert.Equal(2, after.ExecuteScalar());
    }

    private static void Execute(SqlConnection connection, string sql)
    {
        using var command = new SqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}

public class SqlClientMessageTests : IClassFixture<TdsServerFixture>
{
    private readonly TdsServerFixture _server;

    public SqlClientMessageTests(TdsServerFixture server)
    {
        _server = server;
    }

    [Fact]
    public void PrintArrivesAsAnInfoMessageBetweenResults()
    {
        using var connection = _server.Open();
        var messages = new List<(int Number, byte Class, string Text)>();
        connection.InfoMessage += (_, e) => messages.AddRange(e.Errors.Cast<SqlError>().Select(x => (x.Number, x.Class, x.Message)));
        connection.FireInfoMessageEventOnUserErrors = false;
        using var command = new SqlCommand("PRINT N'starting ''now'''; SELECT 1 AS one; PRINT 'done'", connection);
        using (var reader = command.ExecuteReader())
        {
            Assert.True(reader.Read());
            Assert.Equal(1, reader.GetInt32(0));
            while (reader.NextResult())
            {
            }
        }

        Assert.Equal([(0, (byte)0, "starting 'now'"), (0, (byte)0, "done")], messages);
    }
}
