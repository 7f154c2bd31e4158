using System.Data.SqlTypes;
using PredictEngine.Storage;
using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Errors;

namespace PredictEngine.SqlFrontend.Execution;

/// <summary>
/// The simplest executor: hands each statement of a batch to the storage engine as it is (DuckDB's
/// SQL dialect), streaming result sets as batches. It stands in for the T-SQL front end (its own
/// issue) so the protocol layer can be exercised end to end. A statement's error ends the batch.
/// What clients send that is not DuckDB SQL is recognised first: the bulk-copy metadata batch
/// (<see cref="BulkLoadMetadata"/>), INSERT BULK (<see cref="InsertBulkStatement"/>) and the T-SQL
/// session statements (SET options, USE, BEGIN/COMMIT/ROLLBACK TRAN: <see cref="SessionStatements"/>).
/// Parameterized batches have their <c>@name</c> references rewritten to DuckDB's <c>$name</c> and each
/// statement binds the parameters it uses, typed by their values.
/// </summary>
public sealed class StorageBatchExecutor : IBatchExecutor
{
    private readonly StorageConnection _connection;
    private readonly int _batchRows;
    private readonly StorageTransactions _transactions;
    private InsertBulkStatement? _pendingBulkLoad;
    private bool _formatOnly;

    // BEGIN TRAN inside an open transaction only counts (@@TRANCOUNT); the matching COMMITs count down.
    private int _nested;

    public StorageBatchExecutor(StorageConnection connection, string database, int batchRows = 4096)
    {
        _connection = connection;
        Database = database;
        _batchRows = batchRows;
        _transactions = new StorageTransactions(connection);
    }

    public string Database { get; }

    public bool InTransaction => _transactions.IsOpen;

    public void ExecuteBatch(string text, IResultSink sink, CancellationToken cancellation) => Execute(text, [], sink, cancellation);

    public void ExecuteBatch(string text, IReadOnlyList<BatchParameter> parameters, IResultSink sink, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(sink);
        RewrittenBatch rewritten;
        try
        {
            rewritten = ParameterRewriter.Rewrite(text, parameters);
        }
        catch (EngineException e)
        {
            sink.Error(e);
            return;
        }

        Execute(rewritten.Text, rewritten.Bindings, sink, cancellation);
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
        _formatOnly = false;
        _nested = 0;
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

    private void Execute(string text, IReadOnlyList<(string StorageName, BatchParameter Parameter)> bindings, IResultSink sink, CancellationToken cancellation)
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

            foreach (var step in SessionStatements.Split(text))
            {
                cancellation.ThrowIfCancellationRequested();
                switch (step.Kind)
                {
                    case BatchStepKind.Sql:
                        RunStatements(step.Text, bindings, sink, cancellation);
                        break;
                    case BatchStepKind.Ignored:
                        // SQL Server sends nothing for a SET either; the batch's DONE covers it.
                        break;
                    case BatchStepKind.FormatOnly:
                        _formatOnly = step.Text == "ON";
                        break;
                    case BatchStepKind.Use:
                        Use(step.Text, sink);
                        break;
                    case BatchStepKind.Print:
                        // PRINT is an INFO message with number 0 and severity 0, as SQL Server sends it.
                        sink.Info(0, 0, 1, step.Text, 1);
                        break;
                    case BatchStepKind.Unsupported:
                        throw new EngineException(ErrorNumbers.StorageError, 16, 1, step.Text);
                    default:
                        Transaction(step.Kind, sink, cancellation);
                        break;
                }
            }
        });
    }

    /// <summary>
    /// T-SQL's BEGIN/COMMIT/ROLLBACK TRAN: only the outermost BEGIN and COMMIT reach storage (as its own
    /// transaction statements, so ENVCHANGE and DONE_INXACT follow); ROLLBACK undoes everything, as in SQL Server.
    /// </summary>
    private void Transaction(BatchStepKind kind, IResultSink sink, CancellationToken cancellation)
    {
        switch (kind)
        {
            case BatchStepKind.BeginTransaction when _transactions.IsOpen:
                _nested++;
                sink.StatementCompleted(StatementOutcome.NoCount, 0);
                return;
            case BatchStepKind.CommitTransaction when _nested > 0:
                _nested--;
                sink.StatementCompleted(StatementOutcome.NoCount, 0);
                return;
            case BatchStepKind.BeginTransaction:
                RunStatements("BEGIN TRANSACTION", [], sink, cancellation);
                return;
            case BatchStepKind.CommitTransaction:
                RunStatements("COMMIT", [], sink, cancellation);
                return;
            default:
                _nested = 0;
                RunStatements("ROLLBACK", [], sink, cancellation);
                return;
        }
    }

    private void RunStatements(string text, IReadOnlyList<(string StorageName, BatchParameter Parameter)> bindings, IResultSink sink, CancellationToken cancellation)
    {
        using var statements = _connection.SplitStatements(text);
        IReadOnlyList<string>? keywords = null;
        for (var i = 0; i < statements.Count; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            using var statement = statements.Prepare(i);
            foreach (var (name, parameter) in bindings)
            {
                // A batch's statements are prepared one by one; each binds only the names it uses.
                var index = statement.ParameterIndex(name);
                if (index > 0)
                {
                    Bind(statement, index, parameter);
                }
            }

            using var interrupting = _connection.CancelOn(cancellation);
            if (statement.Kind == StatementKind.Transaction && !_formatOnly)
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

    /// <summary>USE of the session's own database is a no-op with SQL Server's message; there is no other database.</summary>
    private void Use(string database, IResultSink sink)
    {
        if (!string.Equals(database, Database, StringComparison.OrdinalIgnoreCase))
        {
            throw new EngineException(911, 16, 1, $"Database '{database}' does not exist. Make sure that the name is entered correctly.");
        }

        sink.Info(5701, 0, 1, $"Changed database context to '{Database}'.", 1);
        sink.StatementCompleted(StatementOutcome.NoCount, 0);
    }

    /// <summary>Binds a parameter's CLR value with the overload of its type, so DuckDB types an otherwise untyped <c>$name</c> by it.</summary>
    private static void Bind(StorageStatement statement, int index, BatchParameter parameter)
    {
        switch (parameter.Value)
        {
            case null:
            case SqlDecimal { IsNull: true }:
                statement.BindNull(index);
                break;
            case bool value: statement.Bind(index, value); break;
            case byte value: statement.Bind(index, value); break;
            case short value: statement.Bind(index, value); break;
            case int value: statement.Bind(index, value); break;
            case long value: statement.Bind(index, value); break;
            case float value: statement.Bind(index, value); break;
            case double value: statement.Bind(index, value); break;
            case decimal value: statement.Bind(index, value); break;
            case SqlDecimal value: statement.Bind(index, Unscaled(value), value.Precision, value.Scale); break;
            case string value: statement.Bind(index, value); break;
            case byte[] value: statement.Bind(index, value); break;
            case DateOnly value: statement.Bind(index, value); break;
            case TimeOnly value: statement.Bind(index, value); break;
            case TimeSpan value: statement.Bind(index, TimeOnly.FromTimeSpan(value)); break;
            case DateTime value: statement.Bind(index, value); break;
            case DateTimeOffset value: statement.Bind(index, value.UtcDateTime); break;
            case Guid value: statement.Bind(index, value); break;
            default:
                throw new EngineException(ErrorNumbers.ConversionFailed, 16, 1, $"Parameter {parameter.Name} holds a {parameter.Value.GetType().Name}, which has no SQL type.");
        }
    }

    private static Int128 Unscaled(SqlDecimal value)
    {
        var data = value.Data;
        var magnitude = ((UInt128)(uint)data[3] << 96) | ((UInt128)(uint)data[2] << 64) | ((UInt128)(uint)data[1] << 32) | (uint)data[0];
        return value.IsPositive ? (Int128)magnitude : -(Int128)magnitude;
    }

    private void Run(StorageStatement statement, IResultSink sink, CancellationToken cancellation)
    {
        var kind = statement.Kind;
        if (_formatOnly)
        {
            DescribeOnly(statement, kind, sink);
            return;
        }

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

    /// <summary>
    /// SET FMTONLY ON: a query's columns without its rows (a streaming result is opened but never
    /// read); other statements are not run, as in SQL Server.
    /// </summary>
    private void DescribeOnly(StorageStatement statement, StatementKind kind, IResultSink sink)
    {
        if (kind != StatementKind.Select)
        {
            return;
        }

        using var reader = statement.ExecuteReader(_batchRows);
        sink.BeginResultSet(reader.Schema);
        sink.EndResultSet(0);
    }
}

