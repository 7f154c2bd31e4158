using PredictEngine.SqlFrontend.Execution.Tsql;
using PredictEngine.Storage;

namespace PredictEngine.SqlFrontend.Execution;

/// <summary>
/// The one place hosts get a session executor from (the TDS server, the sqlcmd runner's embedded mode,
/// tests), so every host runs the same session code.
/// </summary>
public static class Sessions
{
    /// <summary>The system procedures every T-SQL session can EXEC; hosts add theirs at startup.</summary>
    public static ProcedureRegistry Procedures { get; } = new(Metadata.SystemProcedures.All);

    public static IBatchExecutor CreateExecutor(StorageConnection connection, string database) =>
        new StorageBatchExecutor(connection, database);

    /// <summary>A T-SQL session (the front end) on <paramref name="connection"/>, with <see cref="Procedures"/>.</summary>
    public static IBatchExecutor CreateTsqlExecutor(StorageConnection connection, string database) =>
        new TsqlBatchExecutor(connection, database, Procedures);
}
