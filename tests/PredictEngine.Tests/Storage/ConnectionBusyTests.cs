using PredictEngine.Storage;
using PredictEngine.Storage.Errors;
using Xunit;

namespace PredictEngine.Tests.Storage;

public class ConnectionBusyTests
{
    [Fact]
    public void StatementWhileStreamingIsRefusedAndTheStreamSurvives()
    {
        using var db = EmbeddedDatabase.OpenInMemory();
        using var connection = db.Connect();
        using var reader = connection.ExecuteReader("SELECT range AS i FROM range(10000)", batchRows: 1000);
        using (var first = reader.ReadBatch())
        {
            Assert.Equal(1000, first!.RowCount);
        }

        var error = Assert.Throws<EngineException>(() => connection.Execute("CREATE TABLE t (i INTEGER)"));
        Assert.Equal(ErrorNumbers.ConnectionBusy, error.Number);
        Assert.Throws<EngineException>(() => connection.ExecuteReader("SELECT 1"));

        long total = 1000;
        while (reader.ReadBatch() is { } batch)
        {
            using (batch)
            {
                total += batch.RowCount;
            }
        }

        Assert.Equal(10000, total);
        Assert.Equal(0, connection.Execute("CREATE TABLE t (i INTEGER)")); // Free again once the stream ended.
    }

    [Fact]
    public void DisposingTheReaderFreesTheConnection()
    {
        using var db = EmbeddedDatabase.OpenInMemory();
        using var connection = db.Connect();
        var reader = connection.ExecuteReader("SELECT range AS i FROM range(10000)", batchRows: 10);
        reader.ReadBatch()!.Dispose();
        reader.Dispose();
        using var again = connection.ExecuteReader("SELECT 42 AS answer");
        using var batch = again.ReadBatch();
        Assert.Equal(42, batch![0].GetValues<int>()[0]);
    }
}

public class DatabaseFileOwnershipTests
{
    [Fact]
    public void OpeningTheSameFileTwiceInOneProcessIsRefused()
    {
        var directory = Directory.CreateTempSubdirectory("predict-own-").FullName;
        try
        {
            using (var first = EmbeddedDatabase.OpenDataDirectory(directory))
            {
                var error = Assert.Throws<EngineException>(() => EmbeddedDatabase.OpenDataDirectory(directory));
                Assert.Contains("already open in this process", error.Message, StringComparison.Ordinal);
            }

            using var again = EmbeddedDatabase.OpenDataDirectory(directory);
            using var connection = again.Connect();
            Assert.Equal(0, connection.Execute("CREATE TABLE t (i INTEGER)"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
