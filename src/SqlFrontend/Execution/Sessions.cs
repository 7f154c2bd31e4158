using PredictEngine.SqlFrontend.Execution.Tsql;
using PredictEngine.Storage;

namespace PredictEngine.SqlFrontend.Execution;

/// <summary>
/// The one place hosts get a session executor from (the TDS server, the sqlcmd runner's embedded mode,
/// tests), so every host runs the same session code: the T-SQL front end, with the services
/// (<see cref="EngineServices"/>) of the connection's database.
/// </summary>
public static class Sessions
{
    public static IBatchExecutor CreateExecutor(StorageConnection connection, string database) =>
        new TsqlBatchExecutor(connection, database);
}
