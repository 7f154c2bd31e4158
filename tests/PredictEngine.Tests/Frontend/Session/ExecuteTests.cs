using PredictEngine.SqlFrontend.Execution.Tsql;
using PredictEngine.SqlFrontend.Procedures;
using Xunit;

namespace PredictEngine.Tests.Frontend.Session;

public sealed class ExecuteTests : IDisposable
{
    private readonly EchoProcedure _echo = new();
    private readonly SessionHarness _session;

    public ExecuteTests()
    {
        _session = new SessionHarness(new ProcedureRegistry([_echo]));
    }

    public void Dispose() => _session.Dispose();

    [Fact]
    public void SystemProcedureGetsEvaluatedArgumentsAndReturnsStatus()
    {
        var sink = _session.Run("DECLARE @rc int, @n int = 4; EXEC @rc = dbo.sp_echo @n, @label = N'x', @word = plain; SELECT @rc");
        Assert.Empty(sink.Errors);
        Assert.Equal([(null, (object?)4), ("@label", "x"), ("@word", "plain")], _echo.Received.Select(a => (a.Name, a.Value)));
        Assert.Equal(["4\tx", "7"], sink.Rows);
    }

    [Fact]
    public void UnknownProcedureIsMsg2812()
    {
        var sink = _session.Run("EXEC sp_nowhere; SELECT 1");
        Assert.Equal(2812, Assert.Single(sink.Errors).Number);
        Assert.Empty(sink.Rows);
    }

    [Fact]
    public void DynamicSqlRunsInAChildScope()
    {
        var sink = _session.Run("DECLARE @v int = 1; EXEC(N'SELECT 5'); EXEC(N'SELECT @v'); SELECT @v");
        Assert.Equal(["5", "1"], sink.Rows);
        Assert.Equal(137, Assert.Single(sink.Errors).Number);
    }

    [Fact]
    public void DynamicSqlSyntaxErrorEndsOnlyTheExec()
    {
        var sink = _session.Run("EXEC(N'SELECT FROM'); SELECT 2");
        Assert.Single(sink.Errors);
        Assert.Equal(["2"], sink.Rows);
    }

    [Fact]
    public void SpExecuteSqlMissingParameterIsMsg8178()
    {
        var sink = _session.Run("EXEC sp_executesql N'SELECT @a', N'@a int'");
        Assert.Equal(8178, Assert.Single(sink.Errors).Number);
    }

    [Fact]
    public void TableVariablesAreDroppedAtBatchEnd()
    {
        _session.Run("DECLARE @t TABLE (a int); INSERT INTO @t VALUES (1)");
        using var reader = _session.Connection.ExecuteReader("SELECT COUNT(*)::INTEGER FROM duckdb_tables() WHERE table_name LIKE '@t%'");
        using var batch = reader.ReadBatch();
        Assert.Equal(0, batch![0].GetValues<int>()[0]);
    }

    private sealed class EchoProcedure : ISystemProcedure
    {
        public List<ProcedureArgument> Received { get; } = [];

        public string Name => "sp_echo";

        public int Execute(IProcedureContext context, IReadOnlyList<ProcedureArgument> arguments)
        {
            Received.AddRange(arguments);
            context.SendQuery("SELECT $1::INTEGER AS n, $2::VARCHAR AS label", null, arguments[0].Value, arguments[1].Value);
            return 7;
        }
    }
}
