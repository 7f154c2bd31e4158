using PredictEngine.SqlFrontend.Binding;
using PredictEngine.SqlFrontend.Procedures;
using PredictEngine.Storage;

namespace PredictEngine.SqlFrontend.Execution.Tsql;

/// <summary>What a system procedure sees of the session that runs it.</summary>
public sealed partial class TsqlBatchExecutor
{
    private long SendQuery(string sql, IReadOnlyList<ResultColumn>? columns, object?[] parameters)
    {
        using var statement = _connection.Prepare(sql);
        for (var i = 0; i < parameters.Length; i++)
        {
            SqlValues.Bind(statement, i + 1, parameters[i]);
        }

        var rows = Stream(statement, columns);
        _rowCount = rows;
        return rows;
    }

    private sealed class ProcedureContext : IProcedureContext
    {
        private readonly TsqlBatchExecutor _owner;

        public ProcedureContext(TsqlBatchExecutor owner)
        {
            _owner = owner;
        }

        public StorageConnection Connection => _owner._connection;

        public IResultSink Sink => _owner._sink;

        public CancellationToken Cancellation => _owner._cancellation;

        public string Database => _owner.Database;

        public string Login => _owner.Login;

        public ITranslationContext Translation => _owner;

        public void SendQuery(string sql, IReadOnlyList<ResultColumn>? columns, params object?[] parameters) =>
            _owner.SendQuery(sql, columns, parameters ?? []);
    }
}
