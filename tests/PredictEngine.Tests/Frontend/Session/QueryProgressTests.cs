using PredictEngine.Storage;
using PredictEngine.Storage.Errors;
using Xunit;

namespace PredictEngine.Tests.Frontend.Session;

public sealed class QueryProgressTests
{
    [Fact]
    public async Task ProgressIsUnknownWhenIdleAndAPercentageWhileAQueryRuns()
    {
        using var database = EmbeddedDatabase.OpenInMemory();
        using var connection = database.Connect();
        Assert.True(connection.QueryProgress().Percentage < 0);
        connection.Execute("SET enable_progress_bar = true");
        connection.Execute("SET enable_progress_bar_print = false");
        var running = Task.Run(() => connection.Execute("SELECT COUNT(*) FROM range(100000000000) t(x) WHERE x % 7 = 3"));
        var seen = new List<double>();
        // DuckDB starts tracking a query's progress only after it ran a while (its progress_bar_time).
        for (var i = 0; i < 300 && !running.IsCompleted && !seen.Exists(p => p >= 0); i++)
        {
            await Task.Delay(50);
            seen.Add(connection.QueryProgress().Percentage);
        }

        connection.Interrupt();
        try
        {
            await running;
        }
        catch (EngineException)
        {
            // Interrupted, as intended.
        }

        Assert.All(seen, p => Assert.InRange(p, -1, 100));
        Assert.Contains(seen, p => p >= 0);
    }
}
