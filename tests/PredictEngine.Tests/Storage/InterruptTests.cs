using System.Diagnostics;
using PredictEngine.Storage;
using PredictEngine.Storage.Errors;
using Xunit;

namespace PredictEngine.Tests.Storage;

/// <summary>Interrupt() from another thread stops the running statement promptly with 3617; the connection goes on.</summary>
public sealed class InterruptTests : IDisposable
{
    // Ten billion rows: minutes of work, so only an interrupt ends it within the test's time.
    private const string LongQuery = "SELECT sum(a.range * b.range) FROM range(100000000) a, range(100) b";

    private readonly EmbeddedDatabase _database = EmbeddedDatabase.OpenInMemory();
    private readonly StorageConnection _connection;

    public InterruptTests()
    {
        _connection = _database.Connect();
    }

    public void Dispose()
    {
        _connection.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task InterruptStopsExecute()
    {
        var error = await InterruptWhileRunning(() => _connection.Execute(LongQuery));
        Assert.Equal(ErrorNumbers.Cancelled, error.Number);
        Assert.Contains("cancelled", error.Message, StringComparison.Ordinal);
        Assert.Equal(3L, ColumnValues.Scalar(_connection, "SELECT 1 + 2::BIGINT"));
    }

    [Fact]
    public async Task InterruptStopsAStreamingReader()
    {
        var error = await InterruptWhileRunning(() =>
        {
            using var reader = _connection.ExecuteReader($"SELECT a.range + b.range AS v FROM range(100000000) a, range(100) b WHERE (a.range * b.range) % 1000003 = 7");
            while (reader.ReadBatch() is { } batch)
            {
                batch.Dispose();
            }
        });
        Assert.Equal(ErrorNumbers.Cancelled, error.Number);
        Assert.Equal(3L, ColumnValues.Scalar(_connection, "SELECT 1 + 2::BIGINT"));
    }

    [Fact]
    public void InterruptWhenIdleDoesNotCancelTheNextStatement()
    {
        _connection.Interrupt();
        Assert.Equal(5L, ColumnValues.Scalar(_connection, "SELECT 5::BIGINT"));
        Assert.Equal(0, _connection.Execute("CREATE TABLE t (x INTEGER)"));
    }

    [Fact]
    public void InterruptAfterDisposeIsHarmless()
    {
        var connection = _database.Connect();
        connection.Dispose();
        connection.Interrupt();
    }

    private async Task<EngineException> InterruptWhileRunning(Action statement)
    {
        var running = Task.Run(statement);
        await Task.Delay(300);
        Assert.False(running.IsCompleted, "the long statement finished before it could be interrupted");

        var clock = Stopwatch.StartNew();
        // The interrupt only reaches a statement that has started; repeat until it ends.
        while (!running.IsCompleted && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            _connection.Interrupt();
            await Task.WhenAny(running, Task.Delay(50));
        }

        Assert.True(running.IsCompleted, "the statement ignored the interrupt");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the interrupt took {clock.Elapsed.TotalSeconds:F1} s");
        return await Assert.ThrowsAsync<EngineException>(() => running);
    }
}
