using System.Diagnostics;
using Microsoft.Data.SqlClient;
using PredictEngine.SqlFrontend.Execution;
using PredictEngine.SqlFrontend.Execution.Tsql;
using PredictEngine.Storage;
using PredictEngine.Storage.Errors;
using PredictEngine.Tests.Tds;
using Xunit;

namespace PredictEngine.Tests.Frontend.Session;

public sealed class QueryProgressTests : IClassFixture<ProgressServerFixture>
{
    private readonly ProgressServerFixture _server;

    public QueryProgressTests(ProgressServerFixture server)
    {
        _server = server;
    }

    [Fact]
    public async Task ProgressIsUnknownWhenIdleAndAPercentageWhileAQueryRuns()
    {
        using var database = EmbeddedDatabase.OpenInMemory();
        using var connection = database.Connect();
        Assert.True(connection.QueryProgress().Percentage < 0);
        // A scan of a table: DuckDB estimates progress from its sources, and a table function such as
        // range() reports none, which keeps the whole query's progress unknown (-1).
        connection.Execute("CREATE TABLE probe AS SELECT range AS x FROM range(2000000)");
        connection.Execute("CREATE TABLE build AS SELECT range AS x FROM range(20000)");
        connection.Execute("SET enable_progress_bar = true");
        connection.Execute("SET enable_progress_bar_print = false");
        // 4 * 10^10 pairs: runs far longer than the test waits, in small interruptible steps.
        var running = Task.Run(() => connection.Execute("SELECT COUNT(*) FROM probe a, build b WHERE (a.x + b.x) % 7 = 3"));
        var seen = new List<double>();
        var clock = Stopwatch.StartNew();
        // DuckDB starts tracking a query's progress only after it ran a while (its progress_bar_time).
        while (clock.Elapsed < TimeSpan.FromSeconds(30) && !running.IsCompleted && !seen.Exists(p => p >= 0))
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

    [Fact]
    public void ALongStatementOverSqlClientReportsProgressAsInfoMessages()
    {
        using var connection = _server.Open();
        var messages = new List<(int Number, byte Class, string Message)>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        TimeSpan? firstProgress = null;
        connection.InfoMessage += (_, e) =>
        {
            firstProgress ??= clock.Elapsed;
            messages.AddRange(e.Errors.Cast<SqlError>().Select(x => (x.Number, x.Class, x.Message)));
        };
        using (var setup = new SqlCommand("""
            DROP TABLE IF EXISTS progress_probe;
            DROP TABLE IF EXISTS progress_build;
            CREATE TABLE progress_probe (x bigint);
            CREATE TABLE progress_build (x bigint);
            INSERT INTO progress_probe SELECT value FROM GENERATE_SERIES(1, 200000);
            INSERT INTO progress_build SELECT value FROM GENERATE_SERIES(1, 5000);
            """, connection))
        {
            setup.ExecuteNonQuery();
        }

        // 10^9 pairs: seconds, long enough for several reports at the fixture's interval.
        using var query = new SqlCommand(
            "SELECT COUNT_BIG(*) FROM progress_probe a CROSS JOIN progress_build b WHERE (a.x + b.x) % 7 = 3", connection)
        {
            CommandTimeout = 300,
        };
        clock.Restart();
        firstProgress = null;
        Assert.Equal(142_857_144L, query.ExecuteScalar());
        var finished = clock.Elapsed;

        // The server flushes each report in a packet of its own: the client sees it while the statement runs.
        Assert.True(firstProgress < finished - TimeSpan.FromMilliseconds(300), $"first progress at {firstProgress}, statement done at {finished}");
        var progress = messages.Where(m => m.Message.StartsWith("Progress: ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(progress);
        Assert.All(progress, m => Assert.Matches(@"^Progress: \d{1,3}% \([\d,]+ rows\)$", m.Message));
        Assert.All(progress, m => Assert.Equal((0, (byte)0), (m.Number, m.Class)));
    }
}

/// <summary>A TDS server whose T-SQL sessions report progress often, so a statement of seconds reports it.</summary>
public sealed class ProgressServerFixture : TdsServerFixture
{
    public ProgressServerFixture()
        : base(TimeSpan.FromSeconds(30), (connection, database) =>
        {
            var executor = (TsqlBatchExecutor)Sessions.CreateExecutor(connection, database);
            executor.ProgressInterval = TimeSpan.FromMilliseconds(100);
            return executor;
        })
    {
    }
}
