using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Errors;

namespace PredictEngine.SqlFrontend.Execution;

/// <summary>What a statement reports in its DONE token.</summary>
public enum StatementOutcome
{
    /// <summary>A statement with no row count (DDL, SET, USE).</summary>
    NoCount,
    Select,
    Insert,
    Update,
    Delete,
}

/// <summary>
/// Where a session sends what a batch produces: result sets, row counts, messages and errors. The TDS
/// server writes them as tokens; embedded hosts (the sqlcmd runner, tests) can consume them directly.
/// </summary>
public interface IResultSink
{
    void BeginResultSet(BatchSchema schema);

    void WriteRows(ColumnBatch batch, CancellationToken cancellation);

    void EndResultSet(long rows);

    void StatementCompleted(StatementOutcome outcome, long rows);

    /// <summary>An informational message (severity ≤ 10), e.g. PRINT (number 0) or 5701.</summary>
    void Info(int number, byte severity, byte state, string message, int line);

    void Error(EngineException error);

    /// <summary>
    /// Sends what is buffered now instead of at the end of the response (RAISERROR ... WITH NOWAIT, progress
    /// reports), so the client sees it while the statement still runs.
    /// </summary>
    void Flush()
    {
    }

    /// <summary>
    /// The session's transaction began or ended (a BEGIN/COMMIT/ROLLBACK statement or request). The TDS
    /// server reports it as ENVCHANGE 8/9/10 and marks DONE tokens with DONE_INXACT while one is open.
    /// </summary>
    void TransactionChanged(TransactionChange change)
    {
    }
}

/// <summary>A session's statement executor: the one interface between the protocol and the language layers.</summary>
public interface IBatchExecutor : IDisposable
{
    /// <summary>The current database, reported to clients in ENVCHANGE.</summary>
    string Database { get; }

    /// <summary>Runs a batch; errors that end a statement go to the sink, not out of this call.</summary>
    void ExecuteBatch(string text, IResultSink sink, CancellationToken cancellation);

    /// <summary>
    /// Runs a parameterized batch (sp_executesql and the prepared forms): <c>@name</c> in the text refers
    /// to the parameter of that name. A reference to an undeclared name is Msg 137. Errors go to the sink.
    /// </summary>
    void ExecuteBatch(string text, IReadOnlyList<BatchParameter> parameters, IResultSink sink, CancellationToken cancellation);

    /// <summary>Asks the running statement to stop (attention); safe from any thread.</summary>
    void Interrupt();

    /// <summary>Whether the session has an open transaction.</summary>
    bool InTransaction => false;

    /// <summary>
    /// Runs a transaction manager request (SqlTransaction and friends). Like <see cref="ExecuteBatch"/>, errors
    /// go to the sink; state changes are reported through <see cref="IResultSink.TransactionChanged"/>.
    /// </summary>
    void ControlTransaction(TransactionRequest request, IResultSink sink) =>
        sink.Error(new EngineException(ErrorNumbers.NotSupported, 16, 1, "This executor does not support transaction manager requests; use BEGIN TRANSACTION / COMMIT in a batch."));

    /// <summary>A pooled connection is being reset: end any open transaction without reporting it.</summary>
    void ResetSession()
    {
    }

    /// <summary>
    /// Starts the bulk load that the session's last <c>INSERT BULK</c> statement announced. <paramref name="columns"/>
    /// are the columns the client's bulk data describes, in its order; the returned load takes batches of them.
    /// </summary>
    IBulkLoad BeginBulkLoad(BatchSchema columns) =>
        throw new EngineException(ErrorNumbers.NotSupported, 16, 1, "This executor does not support bulk load.");
}
