using System.Data;
using System.Diagnostics;
using System.Data.SqlTypes;
using Microsoft.Data.SqlClient;
using Xunit;

namespace PredictEngine.Tests.Tds;

/// <summary>
/// Parameterized commands through Microsoft.Data.SqlClient 2.1.4: sp_executesql with every parameter
/// type, NULLs, long statements (sent as NTEXT), Prepare() (sp_prepexec, then sp_execute), output
/// parameters, and errors after which the session goes on.
/// </summary>
public class SqlClientRpcTests : IClassFixture<TdsServerFixture>
{
    private static readonly string LongText = string.Concat(Enumerable.Repeat("predict ✓ ", 600)); // 6000 characters, 12000 bytes
    private static readonly byte[] LongBinary = [.. Enumerable.Range(0, 10_000).Select(i => (byte)(i * 7))];

    private readonly TdsServerFixture _server;

    public SqlClientRpcTests(TdsServerFixture server)
    {
        _server = server;
    }

    public static TheoryData<string, SqlDbType, object, object> Values => new()
    {
        { "int", SqlDbType.Int, int.MinValue, int.MinValue },
        { "bigint", SqlDbType.BigInt, long.MaxValue, long.MaxValue },
        { "smallint", SqlDbType.SmallInt, (short)-32768, (short)-32768 },
        { "tinyint", SqlDbType.TinyInt, (byte)255, (byte)255 },
        { "bit", SqlDbType.Bit, true, true },
        { "real", SqlDbType.Real, 1.5f, 1.5f },
        { "float", SqlDbType.Float, -2.25e300, -2.25e300 },
        { "money", SqlDbType.Money, -922337203685477.5808m, -922337203685477.5808m },
        { "smallmoney", SqlDbType.SmallMoney, 214748.3647m, 214748.3647m },
        { "nvarchar", SqlDbType.NVarChar, "héllo ✓ 世界", "héllo ✓ 世界" },
        { "varchar", SqlDbType.VarChar, "café €", "café €" },
        { "nchar", SqlDbType.NChar, "ab", "ab" },
        { "nvarchar(max) over 4000 characters", SqlDbType.NVarChar, LongText, LongText },
        { "ntext", SqlDbType.NText, LongText, LongText },
        { "text", SqlDbType.Text, "plain text é", "plain text é" },
        { "varbinary", SqlDbType.VarBinary, new byte[] { 0, 1, 2, 255 }, new byte[] { 0, 1, 2, 255 } },
        { "varbinary(max) over 8000 bytes", SqlDbType.VarBinary, LongBinary, LongBinary },
        { "binary", SqlDbType.Binary, new byte[] { 9, 8, 7 }, new byte[] { 9, 8, 7 } },
        { "image", SqlDbType.Image, LongBinary, LongBinary },
        { "date", SqlDbType.Date, new DateTime(1969, 7, 20), new DateTime(1969, 7, 20) },
        { "time", SqlDbType.Time, new TimeSpan(0, 23, 59, 58, 123) + TimeSpan.FromTicks(4560), new TimeSpan(0, 23, 59, 58, 123) + TimeSpan.FromTicks(4560) },
        { "datetime", SqlDbType.DateTime, new DateTime(2024, 1, 2, 3, 4, 5, 123), new DateTime(2024, 1, 2, 3, 4, 5, 123) },
        { "smalldatetime", SqlDbType.SmallDateTime, new DateTime(2024, 1, 2, 3, 4, 0), new DateTime(2024, 1, 2, 3, 4, 0) },
        { "datetime2", SqlDbType.DateTime2, new DateTime(2024, 2, 29, 12, 34, 56, 789).AddTicks(120), new DateTime(2024, 2, 29, 12, 34, 56, 789).AddTicks(120) },
        { "datetimeoffset (as UTC)", SqlDbType.DateTimeOffset, new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)), new DateTime(2024, 1, 2, 1, 4, 5) },
        { "uniqueidentifier", SqlDbType.UniqueIdentifier, Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff"), Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff") },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void EveryParameterTypeRoundTrips(string what, SqlDbType type, object value, object expected)
    {
        using var connection = _server.Open();
        using var command = new SqlCommand("SELECT @p AS v", connection);
        command.Parameters.Add("@p", type).Value = value;
        Assert.True(Same(expected, command.ExecuteScalar(), out var actual), $"{what}: got {actual}");
    }

    [Fact]
    public void DecimalsKeepPrecisionAndScale()
    {
        using var connection = _server.Open();
        using var command = new SqlCommand("SELECT @d AS d, @wide AS wide", connection);
        var d = command.Parameters.Add("@d", SqlDbType.Decimal);
        d.Precision = 10;
        d.Scale = 3;
        d.Value = 1234567.891m;
        command.Parameters.Add("@wide", SqlDbType.Decimal).Value = SqlDecimal.Parse("-1234567890123456789012345678.0123456789");
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(1234567.891m, reader.GetDecimal(0));
        Assert.Equal("decimal", reader.GetDataTypeName(0));
        Assert.Equal("-1234567890123456789012345678.0123456789", reader.GetSqlDecimal(1).ToString());
    }

    [Theory]
    [InlineData(SqlDbType.Int)]
    [InlineData(SqlDbType.NVarChar)]
    [InlineData(SqlDbType.VarChar)]
    [InlineData(SqlDbType.Decimal)]
    [InlineData(SqlDbType.DateTime2)]
    [InlineData(SqlDbType.DateTimeOffset)]
    [InlineData(SqlDbType.UniqueIdentifier)]
    [InlineData(SqlDbType.VarBinary)]
    [InlineData(SqlDbType.Bit)]
    [InlineData(SqlDbType.Money)]
    public void NullParametersRoundTrip(SqlDbType type)
    {
        using var connection = _server.Open();
        using var command = new SqlCommand("SELECT @p AS v, CAST(CASE WHEN @p IS NULL THEN 1 ELSE 0 END AS bit) AS missing", connection);
        command.Parameters.Add("@p", type).Value = DBNull.Value;
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.True(reader.IsDBNull(0));
        Assert.True(reader.GetBoolean(1));
    }

    [Fact]
    public void ParametersBindWhereverTheBatchUsesThem()
    {
        using var connection = _server.Open();
        using (var create = new SqlCommand("DROP TABLE IF EXISTS rpc_people; CREATE TABLE rpc_people (id int, name nvarchar(50))", connection))
        {
            create.ExecuteNonQuery();
        }

        using (var insert = new SqlCommand("INSERT INTO rpc_people VALUES (@id, @name), (@id + 1, 'literal @name')", connection))
        {
            insert.Parameters.AddWithValue("@id", 7);
            insert.Parameters.AddWithValue("@name", "Ada");
            Assert.Equal(2, insert.ExecuteNonQuery());
        }

        // Two statements in one batch, each binding what it uses; @@-names, comments and strings are not parameters.
        using var command = new SqlCommand("""
            UPDATE rpc_people SET name = @NAME + '!' WHERE id = @ID; -- @id in a comment
            SELECT name, '@id' AS literal, /* @nope */ "id" FROM rpc_people WHERE id >= @Id ORDER BY id
            """, connection);
        command.Parameters.AddWithValue("@id", 7);
        command.Parameters.AddWithValue("@name", "Grace");
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal("Grace!", reader.GetString(0));
        Assert.Equal("@id", reader.GetString(1));
        Assert.True(reader.Read());
        Assert.Equal("literal @name", reader.GetString(0));
        Assert.False(reader.Read());
        reader.Close();
        Assert.Equal(1, reader.RecordsAffected);
    }

    [Fact]
    public void StatementsLongerThan4000CharactersArriveAsNText()
    {
        using var connection = _server.Open();
        var padding = new string('x', 5000);
        using var command = new SqlCommand($"/* {padding} @ignored */ SELECT @p AS v, LEN('{padding}') AS n", connection);
        command.Parameters.AddWithValue("@p", "long");
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal("long", reader.GetString(0));
        Assert.Equal(5000, reader.GetInt32(1));
    }

    [Fact]
    public void PreparedCommandRunsTwiceWithNewValues()
    {
        using var connection = _server.Open();
        using var command = new SqlCommand("SELECT @a + @b AS total, @label AS label", connection);
        var a = command.Parameters.Add("@a", SqlDbType.Int);
        var b = command.Parameters.Add("@b", SqlDbType.Int);
        var label = command.Parameters.Add("@label", SqlDbType.NVarChar, 20);
        command.Prepare();

        (a.Value, b.Value, label.Value) = (1, 2, "first");
        using (var reader = command.ExecuteReader())
        {
            Assert.True(reader.Read());
            Assert.Equal(3, reader.GetInt32(0));
            Assert.Equal("first", reader.GetString(1));
        }

        (a.Value, b.Value, label.Value) = (10, 20, "second");
        using (var reader = command.ExecuteReader())
        {
            Assert.True(reader.Read());
            Assert.Equal(30, reader.GetInt32(0));
            Assert.Equal("second", reader.GetString(1));
        }

        (a.Value, b.Value, label.Value) = (100, 200, "third");
        Assert.Equal(300, command.ExecuteScalar());
    }

    [Fact]
    public void OutputParametersReceiveAReturnValue()
    {
        using var connection = _server.Open();
        using var command = new SqlCommand("SELECT @in AS v", connection);
        command.Parameters.AddWithValue("@in", 5);
        var output = command.Parameters.Add("@out", SqlDbType.Int);
        output.Direction = ParameterDirection.Output;
        var both = command.Parameters.Add("@both", SqlDbType.NVarChar, 10);
        both.Direction = ParameterDirection.InputOutput;
        both.Value = "kept";
        Assert.Equal(5, command.ExecuteScalar());

        // The batch assigns neither: as on SQL Server, outputs come back as they went in.
        Assert.Equal(DBNull.Value, output.Value);
        Assert.Equal("kept", both.Value);
    }

    [Fact]
    public void AParameterWithoutAValueIs8178AndTheSessionGoesOn()
    {
        using var connection = _server.Open();
        using (var command = new SqlCommand("SELECT @x AS v", connection))
        {
            command.Parameters.Add("@x", SqlDbType.Int); // Value left null: SqlClient sends it as "default".
            var error = Assert.Throws<SqlException>(() => command.ExecuteScalar());
            Assert.Equal(8178, error.Number);
            Assert.Contains("expects the parameter '@x', which was not supplied", error.Message, StringComparison.Ordinal);
        }

        AssertAlive(connection);
    }

    [Fact]
    public void AnUndeclaredVariableIs137AndTheSessionGoesOn()
    {
        using var connection = _server.Open();
        using (var command = new SqlCommand("SELECT @y AS v", connection))
        {
            command.Parameters.AddWithValue("@x", 1);
            var error = Assert.Throws<SqlException>(() => command.ExecuteScalar());
            Assert.Equal(137, error.Number);
            Assert.Contains("\"@y\"", error.Message, StringComparison.Ordinal);
        }

        AssertAlive(connection);
    }

    [Fact]
    public void StatementErrorsInsideRpcComeBackAndTheSessionGoesOn()
    {
        using var connection = _server.Open();
        using (var command = new SqlCommand("SELECT * FROM no_such_rpc_table WHERE id = @id", connection))
        {
            command.Parameters.AddWithValue("@id", 1);
            var error = Assert.Throws<SqlException>(() => command.ExecuteReader());
            Assert.Contains("no_such_rpc_table", error.Message, StringComparison.Ordinal);
        }

        AssertAlive(connection);

        using (var prepared = new SqlCommand("SELECT CAST(@s AS int) AS n", connection))
        {
            var s = prepared.Parameters.Add("@s", SqlDbType.NVarChar, 20);
            prepared.Prepare();
            s.Value = "42";
            Assert.Equal(42, prepared.ExecuteScalar());
            s.Value = "not a number";
            Assert.Throws<SqlException>(() => prepared.ExecuteScalar());
            s.Value = "7";
            Assert.Equal(7, prepared.ExecuteScalar());
        }

        AssertAlive(connection);
    }

    [Fact]
    public void CancelStopsAParameterizedQuery()
    {
        using var connection = _server.Open();
        using var command = new SqlCommand("SELECT COUNT_BIG(*) FROM GENERATE_SERIES(CAST(1 AS bigint), @n) a CROSS JOIN GENERATE_SERIES(1, 1000) b", connection) { CommandTimeout = 60 };
        command.Parameters.AddWithValue("@n", 2_000_000_000L);
        var clock = Stopwatch.StartNew();
        var running = Task.Run(() => command.ExecuteScalar());
        while (_server.Server.RunningRequests == 0 && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            Thread.Sleep(10);
        }

        Thread.Sleep(200);
        command.Cancel();
        var error = Assert.ThrowsAny<SqlException>(() => running.GetAwaiter().GetResult());
        Assert.Contains("cancel", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"cancel took {clock.Elapsed}");
        AssertAlive(connection);
    }

    private static void AssertAlive(SqlConnection connection)
    {
        using var after = new SqlCommand("SELECT @v AS v", connection);
        after.Parameters.AddWithValue("@v", "alive");
        Assert.Equal("alive", after.ExecuteScalar());
    }

    private static bool Same(object expected, object actual, out string shown)
    {
        shown = actual is byte[] bytes ? $"{bytes.Length} bytes" : actual is string text && text.Length > 50 ? $"{text.Length} characters" : $"{actual} ({actual.GetType().Name})";
        return expected switch
        {
            byte[] want => actual is byte[] got && want.AsSpan().SequenceEqual(got),
            _ => expected.Equals(actual),
        };
    }
}
