using PredictEngine.SqlFrontend.Ast;
using PredictEngine.SqlFrontend.Binding;
using PredictEngine.SqlFrontend.Parsing;
using PredictEngine.Storage;
using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Errors;

namespace PredictEngine.SqlFrontend.Execution.Tsql;

/// <summary>
/// The T-SQL session: parses each batch, runs procedural statements itself (variables, control flow,
/// TRY/CATCH, RAISERROR/THROW/PRINT, EXEC, transactions, SET options) and hands SQL statements to the
/// <see cref="Translator"/>, running what it produces on the session's storage connection. The protocol's
/// special batches (bulk-copy metadata, INSERT BULK) and transaction requests work as in the stand-in.
/// The sink is only ever called from the thread that called ExecuteBatch.
/// </summary>
public sealed partial class TsqlBatchExecutor : IBatchExecutor
{
    private static int _lastSessionId = 50;

    private readonly StorageConnection _connection;
    private readonly StorageTransactions _transactions;
    private readonly DuckDbCatalog _catalog;
    private readonly ProcedureRegistry _procedures;
    private readonly EngineServices _services;
    private Predict.PredictPlanner? _predict;
    private InsertBulkStatement? _pendingBulkLoad;
    private IResultSink _sink = NullSink.Instance;
    private CancellationToken _cancellation;
    private VariableScope _scope = new();

    public TsqlBatchExecutor(StorageConnection connection, string database, ProcedureRegistry? procedures = null, EngineServices? services = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(database);
        _connection = connection;
        Database = database;
        _services = services ?? EngineServices.For(connection.Database);
        _procedures = procedures ?? _services.Procedures;
        _transactions = new StorageTransactions(connection);
        _catalog = new DuckDbCatalog(connection);
        SessionId = Interlocked.Increment(ref _lastSessionId);
        // SQL Server's default collation (SQL_Latin1_General_CP1_CI_AS) groups, sorts and compares without case.
        connection.Execute("SET default_collation = 'nocase'");
        Functions.FunctionLibrary.Install(connection);
        InstallCatalogViews(connection, database);
        _services.RestorePredictFunctions(connection);
        EnableProgress();
    }

    public string Database { get; }

    /// <summary>@@SPID: a number unique among this process's sessions.</summary>
    public int SessionId { get; init; }

    /// <summary>@@SERVERNAME.</summary>
    public string ServerName { get; init; } = Environment.MachineName;

    /// <summary>The login name procedures see (SUSER_NAME()).</summary>
    public string Login { get; init; } = "sa";

    /// <summary>Rows per batch read from storage and sent to the sink.</summary>
    public int BatchRows { get; init; } = 4096;

    /// <summary>How often a long-running statement reports its progress as an INFO message; zero or less: never.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(3);

    public bool InTransaction => _transactions.IsOpen;

    public void ExecuteBatch(string text, IResultSink sink, CancellationToken cancellation) =>
        ExecuteBatch(text, [], sink, cancellation);

    public void ExecuteBatch(string text, IReadOnlyList<BatchParameter> parameters, IResultSink sink, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(sink);
        _pendingBulkLoad = null;
        _sink = sink;
        _cancellation = cancellation;
        try
        {
            if (ProtocolBatch(text))
            {
                return;
            }

            SqlBatch batch;
            try
            {
                batch = Parser.ParseBatch(text);
            }
            catch (EngineException e)
            {
                // A batch that does not compile runs no statement at all.
                Report(e, e.Line);
                return;
            }

            var scope = new VariableScope();
            foreach (var parameter in parameters)
            {
                scope.Declare(new Variable
                {
                    Name = parameter.Name,
                    Type = parameter.Type,
                    Declared = VariableScope.Reference(parameter.Type),
                    Value = parameter.Value,
                }, 1);
            }

            RunScope(scope, batch.Statements);
            foreach (var parameter in parameters)
            {
                if (parameter.Direction != System.Data.ParameterDirection.Input)
                {
                    parameter.SetReturnedValue(scope.Find(parameter.Name)?.Value);
                }
            }
        }
        catch (Exception e) when (e is not (OperationCanceledException or EngineException or CaughtException or BatchAbortedException))
        {
            // A defect of ours, not of the batch: the client gets an error, not a dropped connection. What the
            // statement did half-way is unknown, so an open transaction is rolled back rather than committed later.
            if (_transactions.IsOpen)
            {
                RollbackAll();
            }

            _sink.Error(new EngineException(ErrorNumbers.InternalError, 16, 1,
                $"Internal error in PredictEngine ({e.GetType().Name}: {e.Message}). The batch was stopped and any open transaction rolled back; the session goes on."));
        }
        finally
        {
            _sink = NullSink.Instance;
        }
    }

    public void ControlTransaction(TransactionRequest request, IResultSink sink)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(sink);
        _pendingBulkLoad = null;
        try
        {
            _nested = 0;
            _transactions.Control(request, sink);
        }
        catch (EngineException e)
        {
            _transactions.StatementFailed();
            sink.Error(e);
        }
    }

    public IBulkLoad BeginBulkLoad(BatchSchema columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var target = _pendingBulkLoad ?? throw new EngineException(ErrorNumbers.BulkLoadOutOfSequence, 16, 1,
            "Bulk load data arrived without a preceding INSERT BULK statement.");
        _pendingBulkLoad = null;
        return StorageBulkLoad.Start(_connection, target, columns, _transactions.IsOpen, _transactions.StatementFailed);
    }

    public void ResetSession()
    {
        _pendingBulkLoad = null;
        _nested = 0;
        _options = new SessionOptions();
        _transactions.Reset();
        _catalog.Invalidate();
    }

    public void Interrupt() => _connection.Interrupt();

    public void Dispose() => _connection.Dispose();

    /// <summary>sys.* and INFORMATION_SCHEMA; a database that cannot take them (read-only) still gets a session.</summary>
    private static void InstallCatalogViews(StorageConnection connection, string database)
    {
        try
        {
            Metadata.CatalogViews.EnsureInstalled(connection, database);
        }
        catch (EngineException)
        {
            // Queries on the catalog views then fail with Msg 208, which names what is missing.
        }
    }

    /// <summary>The bulk-copy batches SqlBulkCopy sends (its metadata query and INSERT BULK) are not T-SQL we parse.</summary>
    private bool ProtocolBatch(string text)
    {
        try
        {
            if (BulkLoadMetadata.TryParse(text, out var metadata))
            {
                metadata!.Run(_connection, _transactions.IsOpen, _sink, _cancellation);
                return true;
            }

            if (InsertBulkStatement.TryParse(text, out var insertBulk))
            {
                // Fail now for a missing table, as SQL Server does, rather than after the client sent its data.
                BulkLoadMetadata.DescribeTable(_connection, insertBulk!.Table);
                _pendingBulkLoad = insertBulk;
                _sink.StatementCompleted(StatementOutcome.NoCount, 0);
                return true;
            }
        }
        catch (EngineException e)
        {
            _transactions.StatementFailed();
            _sink.Error(e);
            return true;
        }

        return false;
    }

    /// <summary>Runs statements in a fresh variable scope (a batch or dynamic SQL); its table variables are dropped at the end.</summary>
    private Flow RunScope(VariableScope scope, IReadOnlyList<Statement> statements)
    {
        var outer = _scope;
        _scope = scope;
        try
        {
            return RunList(statements);
        }
        catch (BatchAbortedException)
        {
            // The error is reported; a dynamic-SQL scope's caller goes on with its next statement.
            return Flow.Return;
        }
        finally
        {
            _scope = outer;
            DropTableVariables(scope);
        }
    }

    private void DropTableVariables(VariableScope scope)
    {
        foreach (var variable in scope.Variables)
        {
            if (variable.Table is { } table)
            {
                try
                {
                    _connection.Execute($"DROP TABLE IF EXISTS {table.StorageName}");
                }
                catch (EngineException)
                {
                    // An aborted transaction refuses even this; the temp table goes with the connection.
                }
            }
        }
    }

    /// <summary>Discards everything: the executor's sink between batches.</summary>
    private sealed class NullSink : IResultSink
    {
        public static readonly NullSink Instance = new();

        public void BeginResultSet(BatchSchema schema)
        {
        }

        public void WriteRows(ColumnBatch batch, CancellationToken cancellation)
        {
        }

        public void EndResultSet(long rows)
        {
        }

        public void StatementCompleted(StatementOutcome outcome, long rows)
        {
        }

        public void Info(int number, byte severity, byte state, string message, int line)
        {
        }

        public void Error(EngineException error)
        {
        }
    }
}
