using PredictEngine.SqlFrontend.Ast;
using PredictEngine.SqlFrontend.Binding;
using PredictEngine.Storage;
using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Errors;

namespace PredictEngine.SqlFrontend.Execution.Tsql;

/// <summary>SQL statements: translation, parameter binding from variables, result streaming and row counts.</summary>
public sealed partial class TsqlBatchExecutor : ITranslationContext
{
    private long _rowCount;
    private object? _scopeIdentity;
    private object? _identity;

    ICatalog ITranslationContext.Catalog => _catalog;

    VariableInfo? ITranslationContext.FindVariable(string name) =>
        name.StartsWith("@@", StringComparison.Ordinal) ? SystemVariables.Find(name) : _scope.Find(name)?.Info;

    object? ITranslationContext.Evaluate(Expression expression) => Evaluate(expression);

    Functions.FunctionContext ITranslationContext.FunctionContext => new(Database, Login, ServerName);

    Predict.PredictPlanner? ITranslationContext.Predict =>
        _predict ??= new Predict.PredictPlanner(_connection, _services.Models, _services.Catalog, _services.Settings);

    Files.FileAccessPolicy? ITranslationContext.FileAccess => _services.FileAccess;

    private object? Evaluate(Expression expression) => Scalar(new Translator(this).TranslateScalar(expression));

    /// <summary>The value of an expression converted to a variable's type by T-SQL's CAST (truncation, rounding, errors).</summary>
    private object? EvaluateAs(Expression expression, Variable variable)
    {
        if (variable.Declared is null)
        {
            return Evaluate(expression);
        }

        var cast = new CastExpression { Kind = CastKind.Cast, Operand = expression, DataType = variable.Declared, Line = expression.Line };
        return SqlValues.Convert(Evaluate(cast), variable.Type);
    }

    /// <summary>Runs a one-row query and returns its first value (NULL when it has no row).</summary>
    private object? Scalar(TranslatedStatement translated)
    {
        RunPrefix(translated);
        using var statement = Prepare(translated.Commands[^1]);
        using var reader = Wait(() => statement.ExecuteReader(BatchRows));
        using var batch = Wait(reader.ReadBatch);
        return batch is { RowCount: > 0 } ? SqlValues.Read(batch[0], 0) : null;
    }

    private void RunSql(Statement statement)
    {
        var translated = new Translator(this).Translate(statement);
        if (translated.ChangesCatalog)
        {
            _catalog.Invalidate();
        }

        try
        {
            RunTranslated(translated);
        }
        finally
        {
            if (translated.ChangesCatalog)
            {
                _catalog.Invalidate();
            }
        }
    }

    private void RunTranslated(TranslatedStatement translated)
    {
        if (_options.FormatOnly)
        {
            DescribeOnly(translated);
            return;
        }

        if (translated.Commands.Count == 0)
        {
            // Nothing to do in storage (DROP ... IF EXISTS of an absent object).
            _sink.StatementCompleted(StatementOutcome.NoCount, 0);
            _rowCount = 0;
            return;
        }

        RunPrefix(translated);
        var last = translated.Commands[^1];
        long rows;
        if (translated.Assignments is { } assignments)
        {
            rows = Assign(last, assignments);
        }
        else if (translated.Outcome == StatementOutcome.Select)
        {
            rows = Stream(last, translated.Columns);
            _rowCount = rows;
            return;
        }
        else
        {
            using var statement = Prepare(last);
            rows = Wait(statement.ExecuteNonQuery);
            _sink.StatementCompleted(_options.NoCount ? StatementOutcome.NoCount : translated.Outcome, rows);
        }

        _rowCount = rows;
        if (translated.IdentitySequence is { } sequence && rows > 0)
        {
            using var reader = _connection.ExecuteReader($"SELECT currval('{sequence.Replace("'", "''", StringComparison.Ordinal)}')");
            using var batch = reader.ReadBatch();
            _scopeIdentity = batch is { RowCount: > 0 } ? SqlValues.Convert(SqlValues.Read(batch[0], 0), Storage.Types.SqlType.Decimal(38, 0)) : null;
            _identity = _scopeIdentity;
        }
    }

    /// <summary>The commands before the last one only prepare (temp tables, sequences): they produce nothing.</summary>
    private void RunPrefix(TranslatedStatement translated)
    {
        for (var i = 0; i < translated.Commands.Count - 1; i++)
        {
            RunCommand(translated.Commands[i]);
        }
    }

    private void RunCommand(TranslatedCommand command)
    {
        using var statement = Prepare(command);
        Wait(statement.ExecuteNonQuery);
    }

    private StorageStatement Prepare(TranslatedCommand command)
    {
        var statement = _connection.Prepare(command.Sql);
        try
        {
            for (var i = 0; i < command.Parameters.Count; i++)
            {
                SqlValues.Bind(statement, i + 1, ValueOf(command.Parameters[i]));
            }

            return statement;
        }
        catch
        {
            statement.Dispose();
            throw;
        }
    }

    private object? ValueOf(string name) =>
        name.StartsWith("@@", StringComparison.Ordinal) ? SystemValue(name)
        : _scope.Find(name) is { } variable ? variable.Value
        : throw new EngineException(137, 15, 2, $"Must declare the scalar variable \"{name}\".");

    /// <summary>Streams the last command's rows to the client; the result set opens only once the first batch arrived, so a failing query sends no empty result.</summary>
    private long Stream(TranslatedCommand command, IReadOnlyList<ResultColumn>? columns)
    {
        using var statement = Prepare(command);
        return Stream(statement, columns);
    }

    private long Stream(StorageStatement statement, IReadOnlyList<ResultColumn>? columns)
    {
        using var reader = Wait(() => statement.ExecuteReader(BatchRows));
        var shape = ResultShape.For(reader.Schema, columns);
        var batch = Wait(reader.ReadBatch);
        _sink.BeginResultSet(shape.Schema);
        long rows = 0;
        while (batch is not null)
        {
            using (batch)
            {
                if (shape.Copies)
                {
                    using var shaped = shape.Apply(batch);
                    _sink.WriteRows(shaped, _cancellation);
                }
                else
                {
                    _sink.WriteRows(batch, _cancellation);
                }

                rows += batch.RowCount;
            }

            batch = Wait(reader.ReadBatch);
        }

        if (_options.NoCount)
        {
            _sink.StatementCompleted(StatementOutcome.NoCount, rows);
        }
        else
        {
            _sink.EndResultSet(rows);
        }

        return rows;
    }

    /// <summary>SELECT @a = x, @b = y ...: each variable takes its column's value from the last row; no rows are sent.</summary>
    private long Assign(TranslatedCommand command, IReadOnlyList<string> assignments)
    {
        using var statement = Prepare(command);
        using var reader = Wait(() => statement.ExecuteReader(BatchRows));
        long rows = 0;
        object?[]? last = null;
        while (Wait(reader.ReadBatch) is { } batch)
        {
            using (batch)
            {
                if (batch.RowCount > 0)
                {
                    last ??= new object?[assignments.Count];
                    for (var c = 0; c < assignments.Count && c < batch.ColumnCount; c++)
                    {
                        last[c] = SqlValues.Read(batch[c], batch.RowCount - 1);
                    }

                    rows += batch.RowCount;
                }
            }
        }

        if (last is not null)
        {
            for (var c = 0; c < assignments.Count; c++)
            {
                var variable = FindScalar(assignments[c], 1);
                variable.Value = SqlValues.Convert(last[c], variable.Type);
            }
        }

        return rows;
    }

    /// <summary>SET FMTONLY ON: a query's columns without its rows; other statements are not run, as in SQL Server.</summary>
    private void DescribeOnly(TranslatedStatement translated)
    {
        if (translated.Outcome != StatementOutcome.Select || translated.Assignments is not null || translated.Commands.Count == 0)
        {
            return;
        }

        using var statement = Prepare(translated.Commands[^1]);
        using var reader = statement.ExecuteReader(BatchRows);
        _sink.BeginResultSet(ResultShape.For(reader.Schema, translated.Columns).Schema);
        _sink.EndResultSet(0);
    }
}
