using PredictEngine.Storage;
using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Errors;

namespace PredictEngine.SqlFrontend.Execution;

/// <summary>
/// The simplest executor: hands each statement of a batch to the storage engine as it is (DuckDB's
/// SQL dialect), streaming result sets as batches. It stands in for the T-SQL front end (its own
/// issue) so the protocol layer can be exercised end to end. A statement's error ends the batch.
/// Two bulk-copy statements that are not DuckDB SQL are recognised before the pass-through: the
/// metadata batch (<see cref="BulkLoadMetadata"/>) and INSERT BULK (<see cref="InsertBulkStatement"/>).
/// </summary>
public sealed class StorageBatchExecutor : IBatchExecutor
{
    private readonly StorageConnection _connection;
    private readonly int _batchRows;
    private readonly StorageTransactions _transactions;
    private InsertBulkStatement? _pendingBulkLoad;

    public StorageBatchExecutor(StorageConnection connection, string database, int batchRows = 4096)
    {
        _connection = connection;
        Database = database;
        _batchRows = batchRows;
        _transactions = new StorageTransactions(connection);
    }

    public string Database { get; }

    public bool InTransaction => _transactions.IsOpen;

    public void ExecuteBatch(string text, IResultSink sink, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sink);
        _pendingBulkLoad = null;
        Guard(sink, () =>
        {
            if (BulkLoadMetadata.TryParse(text, out var metadata))
            {
                metadata!.Run(_connection, _transactions.IsOpen, sink, cancellation);
                return;
            }

            if (InsertBulkStatement.TryParse(text, out var insertBulk))
            {
                // Fail now for a missing table, as SQL Server does, rather than after the client sent its data.
                BulkLoadMetadata.DescribeTable(_connection, insertBulk!.Table);
                _pendingBulkLoad = insertBulk;
                sink.StatementCompleted(StatementOutcome.NoCount, 0);
                return;
            }

            RunStatements(text, sink, cancellation);
        });
    }

    public void ControlTransaction(TransactionRequest request, IResultSink sink)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(sink);
        _pendingBulkLoad = null;
        Guard(sink, () => _transactions.Control(request, sink));
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
        _transactions.Reset();
    }

    public void Interrupt() => _connection.Interrupt();

    public void Dispose() => _connection.Dispose();

    /// <summary>Errors that end a statement go to the sink; inside a transaction they may have aborted it.</summary>
    private void Guard(IResultSink sink, Action work)
    {
        try
        {
            work();
        }
        catch (EngineException e)
        {
            _transactions.StatementFailed();
            sink.Error(e);
        }
        catch (OperationCanceledException)
        {
            _transactions.StatementFailed();
            throw;
        }
    }

    private void RunStatements(string text, IResultSink sink, CancellationToken cancellation)
    {
        using var statements = _connection.SplitStatements(text);
        IReadOnlyList<string>? keywords = null;
        for (var i = 0; i < statements.Count; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            using var statement = statements.Prepare(i);
            using var interrupting = _connection.CancelOn(cancellation);
            if (statement.Kind == StatementKind.Transaction)
            {
                keywords ??= StatementKeywords.Split(text);
                var action = keywords.Count == statements.Count ? StatementKeywords.TransactionActionOf(keywords[i]) : null;
                _transactions.Run(statement, action, sink);
                sink.StatementCompleted(StatementOutcome.NoCount, 0);
                continue;
            }

            Run(statement, sink, cancellation);
        }
    }

    private void Run(StorageStatement statement, IResultSink sink, CancellationToken cancellation)
    {
        var kind = statement.Kind;
        if (kind != StatementKind.Select)
        {
            var changed = statement.ExecuteNonQuery();
            sink.StatementCompleted(kind switch
            {
                StatementKind.Insert => StatementOutcome.Insert,
                StatementKind.Update => StatementOutcome.Update,
                StatementKind.Delete => StatementOutcome.Delete,
                _ => StatementOutcome.NoCount,
            }, changed);
            return;
        }

        using var reader = statement.ExecuteReader(_batchRows);
        sink.BeginResultSet(reader.Schema);
        long rows = 0;
        while (reader.ReadBatch() is { } batch)
        {
            using (batch)
            {
                sink.WriteRows(batch, cancellation);
                rows += batch.RowCount;
            }
        }

        sink.EndResultSet(rows);
    }
}
