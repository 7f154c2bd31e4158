using PredictEngine.Storage;
using PredictEngine.Storage.Types;
using Xunit;

namespace PredictEngine.Tests.Storage;

/// <summary>
/// Using a storage object after Dispose must throw ObjectDisposedException, never hand a freed native
/// pointer to DuckDB (which takes the whole server process down).
/// </summary>
public sealed class DisposedObjectTests : IDisposable
{
    private readonly EmbeddedDatabase _database = EmbeddedDatabase.OpenInMemory();

    public void Dispose() => _database.Dispose();

    [Fact]
    public void Reader()
    {
        using var connection = _database.Connect();
        var reader = connection.ExecuteReader("SELECT * FROM range(10000)", 100);
        reader.ReadBatch()?.Dispose();
        reader.Dispose();
        reader.Dispose();
        Assert.Throws<ObjectDisposedException>(() => reader.ReadBatch());
        Assert.Equal(3, ColumnValues.Scalar(connection, "SELECT 3"));
    }

    [Fact]
    public void Statement()
    {
        using var connection = _database.Connect();
        var statement = connection.Prepare("SELECT $1::INTEGER");
        statement.Dispose();
        Assert.Throws<ObjectDisposedException>(() => statement.ParameterCount);
        Assert.Throws<ObjectDisposedException>(() => statement.Bind(1, 1));
        Assert.Throws<ObjectDisposedException>(() => statement.BindNull(1));
        Assert.Throws<ObjectDisposedException>(() => statement.ExecuteNonQuery());
        Assert.Throws<ObjectDisposedException>(() => statement.ExecuteReader());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Connection(bool childStillOpen)
    {
        var connection = _database.Connect();
        connection.Execute("CREATE TABLE t (x INTEGER)");
        using var child = childStillOpen ? connection.Prepare("SELECT 1") : null;
        connection.Dispose();
        Assert.Throws<ObjectDisposedException>(() => connection.Execute("SELECT 1"));
        Assert.Throws<ObjectDisposedException>(() => connection.Prepare("SELECT 1"));
        Assert.Throws<ObjectDisposedException>(() => connection.ExecuteReader("SELECT 1"));
        Assert.Throws<ObjectDisposedException>(() => connection.CreateAppender("t"));
        connection.Interrupt();
    }

    [Fact]
    public void Appender()
    {
        using var connection = _database.Connect();
        connection.Execute("CREATE TABLE t (x INTEGER)");
        using var batch = TypeRoundTripTests.Batch([("x", SqlType.Int, [1])]);
        var appender = connection.CreateAppender("t");
        appender.Append(batch);
        appender.Dispose();
        Assert.Throws<ObjectDisposedException>(() => appender.Append(batch));
        Assert.Throws<ObjectDisposedException>(() => appender.Close());
        Assert.Equal(1L, ColumnValues.Scalar(connection, "SELECT count(*) FROM t"));
    }
}
