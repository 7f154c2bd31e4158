using PredictEngine.Storage;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;
using Xunit;

namespace PredictEngine.Tests.Storage;

/// <summary>The data-directory database: what is written survives closing, and closing really closes.</summary>
public sealed class FileDatabaseTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "predict-storage-tests", Guid.NewGuid().ToString("N"));

    private string DatabaseFile => Path.Combine(_directory, EmbeddedDatabase.DatabaseFileName);

    // DuckDB checkpoints and removes the write-ahead log when the last handle closes; a leftover log
    // means some native object still held the database open.
    private string WalFile => DatabaseFile + ".wal";

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void WritesSurviveCloseAndReopen()
    {
        using (var database = EmbeddedDatabase.OpenDataDirectory(_directory))
        using (var connection = database.Connect())
        {
            Assert.Equal(DatabaseFile, database.Path);
            connection.Execute("CREATE TABLE people (id INTEGER, name VARCHAR, score DECIMAL(9,3), born DATE)");
            using (var batch = TypeRoundTripTests.Batch(
            [
                ("id", SqlType.Int, [1, 2, 3]),
                ("name", SqlType.NVarChar(50), ["Ada", null, "長い名前の人がここにいます"]),
                ("score", SqlType.Decimal(9, 3), [-1.5m, 2.25m, null]),
                ("born", SqlType.Date, [new DateOnly(1815, 12, 10), null, new DateOnly(2001, 1, 1)]),
            ]))
            using (var appender = connection.CreateAppender("people"))
            {
                appender.Append(batch);
                appender.Close();
            }

            using var insert = connection.Prepare("INSERT INTO people VALUES ($1, $2, $3, $4)");
            insert.Bind(1, 4);
            insert.Bind(2, "Grace");
            insert.Bind(3, 1000.001m);
            insert.BindNull(4);
            Assert.Equal(1, insert.ExecuteNonQuery());
        }

        Assert.True(File.Exists(DatabaseFile));
        Assert.False(File.Exists(WalFile), "the database was not closed: its write-ahead log is still there");

        using (var database = EmbeddedDatabase.OpenDataDirectory(_directory))
        using (var connection = database.Connect())
        {
            var (_, rows) = ColumnValues.Query(connection, "SELECT * FROM people ORDER BY id");
            Assert.Equal(4, rows.Count);
            Assert.Equal([1, "Ada", -1.5m, new DateOnly(1815, 12, 10)], rows[0]);
            Assert.Equal([2, null, 2.25m, null], rows[1]);
            Assert.Equal([3, "長い名前の人がここにいます", null, new DateOnly(2001, 1, 1)], rows[2]);
            Assert.Equal([4, "Grace", 1000.001m, null], rows[3]);
            Assert.Equal(1, connection.Execute("DELETE FROM people WHERE id = 2"));
        }

        using (var database = EmbeddedDatabase.OpenDataDirectory(_directory))
        using (var connection = database.Connect())
        {
            Assert.Equal(3L, ColumnValues.Scalar(connection, "SELECT count(*) FROM people"));
        }
    }

    [Fact]
    public void DatabaseOutlivesItsHandleUntilConnectionsClose()
    {
        var database = EmbeddedDatabase.OpenDataDirectory(_directory);
        var connection = database.Connect();
        database.Dispose();
        Assert.Throws<ObjectDisposedException>(() => database.Connect());
        connection.Execute("CREATE TABLE t AS SELECT 1 AS x");
        connection.Dispose();
        Assert.False(File.Exists(WalFile));

        using var reopened = EmbeddedDatabase.OpenDataDirectory(_directory);
        using var again = reopened.Connect();
        Assert.Equal(1, ColumnValues.Scalar(again, "SELECT x FROM t"));
    }

    [Fact]
    public void ReaderThatFailsOnAnUnsupportedColumnReleasesItsResult()
    {
        using (var database = EmbeddedDatabase.OpenDataDirectory(_directory))
        using (var connection = database.Connect())
        {
            connection.Execute("CREATE TABLE t AS SELECT 1 AS x");
            var error = Assert.Throws<EngineException>(() => connection.ExecuteReader("SELECT [1,2]::INTEGER[] AS l"));
            Assert.Equal(ErrorNumbers.ConversionFailed, error.Number);
        }

        Assert.False(File.Exists(WalFile), "the failed reader's result kept the database open");
    }

    [Fact]
    public void AppenderOnATableWithAnUnsupportedColumnReleasesItsHandles()
    {
        using (var database = EmbeddedDatabase.OpenDataDirectory(_directory))
        using (var connection = database.Connect())
        {
            connection.Execute("CREATE TABLE t (x INTEGER, span INTERVAL)");
            var error = Assert.Throws<EngineException>(() => connection.CreateAppender("t"));
            Assert.Equal(ErrorNumbers.ConversionFailed, error.Number);
            Assert.Contains("INTERVAL", error.Message, StringComparison.Ordinal);
            connection.Execute("INSERT INTO t VALUES (1, INTERVAL 1 DAY)");
        }

        Assert.False(File.Exists(WalFile), "the failed appender kept the database open");
    }

    [Fact]
    public void FileThatIsNotADatabaseFailsWithAClearError()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(DatabaseFile, "this is not a DuckDB file, and it is long enough to be read as one");
        var error = Assert.Throws<EngineException>(() => EmbeddedDatabase.OpenDataDirectory(_directory));
        Assert.Equal(ErrorNumbers.StorageError, error.Number);
        Assert.Contains(DatabaseFile, error.Message, StringComparison.Ordinal);
    }
}
