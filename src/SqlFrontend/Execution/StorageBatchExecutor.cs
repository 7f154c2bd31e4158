using System.Data.SqlTypes;
using PredictEngine.Storage;
using PredictEngine.Storage.Errors;

namespace PredictEngine.SqlFrontend.Execution;

/// <summary>
/// The simplest executor: hands each statement of a batch to the storage engine as it is (DuckDB's
/// SQL dialect), streaming result sets as batches. It stands in for the T-SQL front end (its own
/// issue) so the protocol layer can be exercised end to end. A statement's error ends the batch.
/// Parameterized batches have their <c>@name</c> references rewritten to DuckDB's <c>$name</c> and each
/// statement binds the parameters it uses, typed by their values.
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

    public void Interrupt() => _connection.Interrupt();

    private void Execute(string text, IReadOnlyList<(string StorageName, BatchParameter Parameter)> bindings, IResultSink sink, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(sink);
        try
        {
            using var statements = _connection.SplitStatements(text);
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
                Run(statement, sink, cancellation);
            }
        }
        catch (EngineException e)
        {
            sink.Error(e);
        }
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
