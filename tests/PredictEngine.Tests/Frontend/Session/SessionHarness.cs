using PredictEngine.SqlFrontend.Execution;
using PredictEngine.SqlFrontend.Execution.Tsql;
using PredictEngine.Storage;

namespace PredictEngine.Tests.Frontend.Session;

/// <summary>A T-SQL session over an in-memory database, driven directly (no TDS).</summary>
internal sealed class SessionHarness : IDisposable
{
    private readonly EmbeddedDatabase _database = EmbeddedDatabase.OpenInMemory();

    public SessionHarness(ProcedureRegistry? procedures = null)
    {
        Connection = _database.Connect();
        Executor = new TsqlBatchExecutor(Connection, "predict", procedures) { ProgressInterval = TimeSpan.Zero };
    }

    /// <summary>The executor's storage connection, for checks behind its back.</summary>
    public StorageConnection Connection { get; }

    public TsqlBatchExecutor Executor { get; }

    public RecordingSink Run(string batch, params BatchParameter[] parameters)
    {
        var sink = new RecordingSink();
        Executor.ExecuteBatch(batch, parameters, sink, CancellationToken.None);
        return sink;
    }

    public void Dispose()
    {
        Executor.Dispose();
        _database.Dispose();
    }
}
