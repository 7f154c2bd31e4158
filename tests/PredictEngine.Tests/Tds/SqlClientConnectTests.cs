using Microsoft.Data.SqlClient;
using Xunit;

namespace PredictEngine.Tests.Tds;

/// <summary>Microsoft.Data.SqlClient 2.1.4 against the in-process server: handshake, TLS modes, login errors.</summary>
public class SqlClientConnectTests : IClassFixture<TdsServerFixture>
{
    private readonly TdsServerFixture _server;

    public SqlClientConnectTests(TdsServerFixture server)
    {
        _server = server;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ConnectsAndQueries(bool encrypt)
    {
        using var connection = _server.Open(encrypt);
        Assert.Equal("predict", connection.Database);
        Assert.StartsWith("16.00.", connection.ServerVersion, StringComparison.Ordinal);
        using var command = new SqlCommand("SELECT 42 AS answer, 'héllo 日本' AS greeting", connection);
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(42, reader.GetInt32(0));
        Assert.Equal("héllo 日本", reader.GetString(1));
        Assert.Equal("answer", reader.GetName(0));
        Assert.False(reader.Read());
    }

    [Fact]
    public void EncryptedConnectionReportsEncryption()
    {
        using var connection = _server.Open(encrypt: true);
        using var command = new SqlCommand("SELECT 1", connection);
        Assert.Equal(1, command.ExecuteScalar());
        Assert.Contains(_server.Log, l => l.Contains("(Core Microsoft SqlClient Data Provider", StringComparison.Ordinal) || l.Contains(", TLS)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("sa", "wrong")]
    [InlineData("nobody", TdsServerFixture.Password)]
    public void WrongCredentialsGive18456WithoutSayingWhich(string user, string password)
    {
        using var connection = new SqlConnection(_server.ConnectionString(user: user, password: password));
        var error = Assert.Throws<SqlException>(connection.Open);
        Assert.Equal(18456, error.Number);
        Assert.Equal($"Login failed for user '{user}'.", error.Message);
    }

    [Fact]
    public void UnknownDatabaseGives4060()
    {
        using var connection = new SqlConnection(_server.ConnectionString(database: "nope"));
        var error = Assert.Throws<SqlException>(connection.Open);
        Assert.Equal(4060, error.Number);
    }

    [Theory]
    [InlineData(512)]
    [InlineData(4096)]
    [InlineData(32767)]
    public void LargeResultsAcrossPacketSizes(int packetSize)
    {
        using var connection = new SqlConnection(_server.ConnectionString(packetSize: packetSize));
        connection.Open();
        using var command = new SqlCommand("SELECT value AS i, REPLICATE('x', value % 700) AS s FROM GENERATE_SERIES(0, 19999) ORDER BY value", connection);
        using var reader = command.ExecuteReader();
        var rows = 0;
        while (reader.Read())
        {
            Assert.Equal(rows, reader.GetInt32(0));
            Assert.Equal(rows % 700, reader.GetString(1).Length);
            rows++;
        }

        Assert.Equal(20000, rows);
    }
}

public class ConcurrentSessionTests : IClassFixture<TdsServerFixture>
{
    private readonly TdsServerFixture _server;

    public ConcurrentSessionTests(TdsServerFixture server)
    {
        _server = server;
    }

    [Fact]
    public void ManySessionsAtOnceEachSeeTheirOwnResults()
    {
        const int sessions = 32;
        var results = new long[sessions];
        Parallel.For(0, sessions, new ParallelOptions { MaxDegreeOfParallelism = sessions }, i =>
        {
            using var connection = new SqlConnection(_server.ConnectionString());
            connection.Open();
            for (var round = 0; round < 5; round++)
            {
                using var command = new SqlCommand($"SELECT SUM(CAST(value AS bigint)) + {i} FROM GENERATE_SERIES(0, {999 + i})", connection);
                results[i] = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            }
        });

        for (var i = 0; i < sessions; i++)
        {
            long n = 1000 + i;
            Assert.Equal((n * (n - 1) / 2) + i, results[i]);
        }
    }
}
