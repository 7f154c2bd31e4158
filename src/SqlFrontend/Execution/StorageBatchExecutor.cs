using PredictEngine.Storage;
using PredictEngine.Storage.Errors;

namespace PredictEngine.SqlFrontend.Execution;

/// <summary>
/// The simplest executor: hands each statement of a batch to the storage engine as it is (DuckDB's
/// SQL dialect), streaming result sets as batches. It stands in for the T-SQL front end (its own
/// issue) so the protocol layer can be exercised end to end. A statement's error ends the batch.
/// </summary>
public sealed class StorageBatchExecutor : IBatchExecutor
{
    private readonly StorageConnection _connection;
    private readonly int _batchRows;

    public StorageBatchExecutor(StorageConnection connection, string database, int batchRows = 4096)
    {
        _connection = connection;
        Database = database;
        _batchRows = batchRows;
    }

    public string Database { get; }

    public void ExecuteBatch(string text, IResultSink sink, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(sink);
        try
        {
            using var statements = _connection.SplitStatements(text);
            for (var i = 0; i < statements.Count; i++)
            {
                cancellation.ThrowIfCancellationRequested();
                using var statement = statements.Prepare(i);
                using var interrupting = _connection.CancelOn(cancellation);
                Run(statement, sink, cancellation);
            }
        }
        catch (EngineException e)
        {
            sink.Error(e);
        }
    }

    public void Interrupt() => _connection.Interrupt();

    public void Dispose() => _connection.Dispose();

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
