using PredictEngine.Storage;
using PredictEngine.Storage.Errors;

namespace PredictEngine.SqlFrontend.Execution;

/// <summary>
/// The transaction state of one storage session, with SQL Server's rules on top of DuckDB's:
/// COMMIT/ROLLBACK without a transaction are errors 3902/3903, a nested BEGIN and savepoints are
/// refused (DuckDB has neither), and every isolation level runs as DuckDB's snapshot isolation.
/// A failed statement aborts a DuckDB transaction, whose COMMIT then silently rolls back; we report
/// that as error 3930 instead, so a client never believes rolled-back work was committed.
/// </summary>
internal sealed class StorageTransactions
{
    private readonly StorageConnection _connection;
    private bool _statementFailed;

    public StorageTransactions(StorageConnection connection)
    {
        _connection = connection;
    }

    public bool IsOpen { get; private set; }

    /// <summary>A transaction manager request: the canonical statements run on the connection.</summary>
    public void Control(TransactionRequest request, IResultSink sink)
    {
        switch (request.Action)
        {
            case TransactionAction.Begin:
                Begin(() => _connection.Execute("BEGIN TRANSACTION"), sink);
                return;
            case TransactionAction.Commit:
                Commit(() => _connection.Execute("COMMIT"), sink);
                break;
            case TransactionAction.Rollback:
                Rollback(() => _connection.Execute("ROLLBACK"), sink);
                break;
            default:
                throw SavepointsNotSupported();
        }

        if (request.BeginAnother)
        {
            Begin(() => _connection.Execute("BEGIN TRANSACTION"), sink);
        }
    }

    /// <summary>
    /// A batch's transaction statement, run as written (DuckDB's own options such as READ ONLY apply).
    /// <paramref name="action"/> comes from the statement's first keyword; when the batch could not be
    /// split into keywords it is inferred from the state (BEGIN when none is open, else COMMIT).
    /// </summary>
    public void Run(StorageStatement statement, TransactionAction? action, IResultSink sink)
    {
        switch (action ?? (IsOpen ? TransactionAction.Commit : TransactionAction.Begin))
        {
            case TransactionAction.Begin:
                Begin(() => statement.ExecuteNonQuery(), sink);
                break;
            case TransactionAction.Commit:
                Commit(() => statement.ExecuteNonQuery(), sink);
                break;
            case TransactionAction.Rollback:
                Rollback(() => statement.ExecuteNonQuery(), sink);
                break;
            default:
                throw SavepointsNotSupported();
        }
    }

    /// <summary>A statement failed; inside a transaction that may have aborted it.</summary>
    public void StatementFailed() => _statementFailed |= IsOpen;

    /// <summary>Rolls back an open transaction without reporting it (connection reset).</summary>
    public void Reset()
    {
        if (IsOpen)
        {
            TryRollback();
        }

        IsOpen = false;
        _statementFailed = false;
    }

    private void Begin(Action begin, IResultSink sink)
    {
        if (IsOpen)
        {
            throw new EngineException(ErrorNumbers.NotSupported, 16, 1,
                "Nested transactions are not supported: a transaction is already open (@@TRANCOUNT is 1). COMMIT or ROLLBACK it first.");
        }

        begin();
        IsOpen = true;
        _statementFailed = false;
        sink.TransactionChanged(TransactionChange.Began);
    }

    private void Commit(Action commit, IResultSink sink)
    {
        if (!IsOpen)
        {
            throw new EngineException(ErrorNumbers.CommitWithoutBegin, 16, 1, "The COMMIT TRANSACTION request has no corresponding BEGIN TRANSACTION.");
        }

        if (_statementFailed && IsAborted())
        {
            TryRollback();
            Ended(TransactionChange.RolledBack, sink);
            throw new EngineException(ErrorNumbers.UncommittableTransaction, 16, 1,
                "The transaction was rolled back instead of committed: a statement in it failed, which aborts a storage transaction. Run the transaction again.");
        }

        try
        {
            commit();
        }
        catch (EngineException)
        {
            // DuckDB ends a transaction whose commit fails; make sure of it, then report the rollback.
            TryRollback();
            Ended(TransactionChange.RolledBack, sink);
            throw;
        }

        Ended(TransactionChange.Committed, sink);
    }

    private void Rollback(Action rollback, IResultSink sink)
    {
        if (!IsOpen)
        {
            throw new EngineException(ErrorNumbers.RollbackWithoutBegin, 16, 1, "The ROLLBACK TRANSACTION request has no corresponding BEGIN TRANSACTION.");
        }

        rollback();
        Ended(TransactionChange.RolledBack, sink);
    }

    private void Ended(TransactionChange change, IResultSink sink)
    {
        IsOpen = false;
        _statementFailed = false;
        sink.TransactionChanged(change);
    }

    /// <summary>DuckDB refuses every statement in an aborted transaction; a trivial one tells.</summary>
    private bool IsAborted()
    {
        try
        {
            _connection.Execute("SELECT 1");
            return false;
        }
        catch (EngineException)
        {
            return true;
        }
    }

    private void TryRollback()
    {
        try
        {
            _connection.Execute("ROLLBACK");
        }
        catch (EngineException)
        {
            // Already ended by the storage engine.
        }
    }

    private static EngineException SavepointsNotSupported() => new(ErrorNumbers.NotSupported, 16, 1,
        "SAVE TRANSACTION is not supported: the storage engine has no savepoints. Roll back the whole transaction instead.");
}
