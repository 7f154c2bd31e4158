using System.Globalization;
using PredictEngine.SqlFrontend.Ast;
using PredictEngine.SqlFrontend.Binding;
using PredictEngine.Storage.Errors;

namespace PredictEngine.SqlFrontend.Execution.Tsql;

/// <summary>How a statement left the flow of its block.</summary>
internal enum Flow
{
    Next,
    Break,
    Continue,
    Return,
}

/// <summary>An error that ends the batch (already reported to the sink).</summary>
internal sealed class BatchAbortedException : Exception
{
    public BatchAbortedException()
        : base("The batch was aborted.")
    {
    }

    public BatchAbortedException(string message)
        : base(message)
    {
    }

    public BatchAbortedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>The SET options the session honours.</summary>
internal sealed class SessionOptions
{
    public bool NoCount { get; set; }

    public bool XactAbort { get; set; }

    public bool StatisticsTime { get; set; }

    public bool FormatOnly { get; set; }
}

public sealed partial class TsqlBatchExecutor
{
    private SessionOptions _options = new();

    // BEGIN TRAN inside an open transaction only counts (@@TRANCOUNT); the matching COMMITs count down.
    private int _nested;

    private Flow RunList(IReadOnlyList<Statement> statements)
    {
        foreach (var statement in statements)
        {
            var flow = RunOne(statement);
            if (flow != Flow.Next)
            {
                return flow;
            }
        }

        return Flow.Next;
    }

    /// <summary>
    /// Runs one statement. Its error goes to the client with the statement's line unless a TRY block is
    /// active (then the CATCH block gets it); most errors end only the statement, compile-time ones the batch.
    /// </summary>
    private Flow RunOne(Statement statement)
    {
        _cancellation.ThrowIfCancellationRequested();
        var started = _options.StatisticsTime && statement is not (BlockStatement or IfStatement or WhileStatement or TryCatchStatement) ? Statistics.Start() : null;
        try
        {
            var flow = Dispatch(statement);
            if (statement is not (BlockStatement or IfStatement or WhileStatement or TryCatchStatement))
            {
                _lastError = 0;
            }

            return flow;
        }
        catch (EngineException e) when (!_cancellation.IsCancellationRequested)
        {
            var error = e.Number == ErrorNumbers.StorageError ? StorageErrors.Translate(e, statement.Line) : e;
            if (error.Number == ErrorNumbers.ModelInputNull && _predict is not null)
            {
                // The scoring function sees one chunk at a time; the planner counts the NULLs of the whole input.
                error = _predict.Explain(error);
            }

            if (error.Line <= 1 && statement.Line > 1)
            {
                error.Line = statement.Line;
            }

            _lastError = error.Number;
            _transactions.StatementFailed();
            if (_tryDepth > 0 && error.Severity >= 11)
            {
                throw new CaughtException(error);
            }

            Report(error, error.Line);
            if (_options.XactAbort && _transactions.IsOpen)
            {
                RollbackAll();
                throw new BatchAbortedException();
            }

            if (AbortsBatch(error))
            {
                throw new BatchAbortedException();
            }

            return Flow.Next;
        }
        catch (EngineException) when (_cancellation.IsCancellationRequested)
        {
            _transactions.StatementFailed();
            throw new OperationCanceledException(_cancellation);
        }
        finally
        {
            started?.Report(_sink, statement.Line);
            if (_options.StatisticsTime && _predict?.TakeStatistics() is { Rows: > 0 } scored)
            {
                _sink.Info(0, 0, 1, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $" PREDICT: {scored.Rows} rows scored in {scored.Chunks} chunks, {(long)scored.ModelTime.TotalMilliseconds} ms in the model, provider {scored.Provider ?? "CPU"}."), statement.Line);
            }
        }
    }

    /// <summary>SQL Server's compile-time errors (syntax, unknown names and variables) and conversion errors end the batch.</summary>
    private static bool AbortsBatch(EngineException error) => error.Number is 102 or 156 or 137 or 1087 or 207 or 208 or 245 or 2812 or 911;

    private void Report(EngineException error, int line)
    {
        if (line > 0 && error.Line != line && error.Line <= 1)
        {
            error.Line = line;
        }

        _sink.Error(error);
    }

    private Flow Dispatch(Statement statement)
    {
        switch (statement)
        {
            case BlockStatement block:
                return RunList(block.Statements);
            case IfStatement conditional:
                return Condition(conditional.Condition) ? RunOne(conditional.Then)
                    : conditional.Else is { } otherwise ? RunOne(otherwise) : Flow.Next;
            case WhileStatement loop:
                return While(loop);
            case BreakStatement:
                return Flow.Break;
            case ContinueStatement:
                return Flow.Continue;
            case ReturnStatement:
                return Flow.Return;
            case TryCatchStatement tryCatch:
                return TryCatch(tryCatch);
            case DeclareStatement declare:
                Declare(declare);
                return Flow.Next;
            case SetVariableStatement set:
                SetVariable(set);
                return Flow.Next;
            case PrintStatement print:
                _sink.Info(0, 0, 1, SqlValues.Text(Evaluate(print.Value)), print.Line);
                _rowCount = 0;
                return Flow.Next;
            case RaiserrorStatement raiserror:
                Raiserror(raiserror);
                return Flow.Next;
            case ThrowStatement throwStatement:
                Throw(throwStatement);
                return Flow.Next;
            case WaitForStatement wait:
                WaitFor(wait);
                return Flow.Next;
            case UseStatement use:
                Use(use);
                return Flow.Next;
            case SetOptionStatement option:
                SetOption(option);
                return Flow.Next;
            case TransactionStatement transaction:
                Transaction(transaction);
                return Flow.Next;
            case ExecuteStatement execute:
                Execute(execute);
                return Flow.Next;
            case UnsupportedStatement unsupported:
                throw new EngineException(ErrorNumbers.UnsupportedStatement, 16, 1,
                    $"{unsupported.Construct} is not supported by PredictEngine yet; run the statements directly or use sp_executesql.") { Line = statement.Line };
            default:
                RunSql(statement);
                return Flow.Next;
        }
    }

    private Flow While(WhileStatement loop)
    {
        while (Condition(loop.Condition))
        {
            _cancellation.ThrowIfCancellationRequested();
            var flow = RunOne(loop.Body);
            if (flow == Flow.Break)
            {
                break;
            }

            if (flow == Flow.Return)
            {
                return flow;
            }
        }

        return Flow.Next;
    }

    /// <summary>A condition is a predicate; NULL (unknown) is false.</summary>
    private bool Condition(Expression condition) => Evaluate(condition) switch
    {
        null => false,
        bool b => b,
        var other => System.Convert.ToDecimal(other, CultureInfo.InvariantCulture) != 0,
    };

    private void Declare(DeclareStatement declare)
    {
        foreach (var declaration in declare.Variables)
        {
            if (declaration.TableColumns is not null)
            {
                var (commands, table) = new Translator(this).TranslateTableVariable(declaration);
                foreach (var command in commands)
                {
                    RunCommand(command);
                }

                _scope.Declare(new Variable { Name = declaration.Name, Table = table }, declaration.Line);
                continue;
            }

            var reference = declaration.DataType!;
            var type = Types.SqlTypeName.Parse(reference.ToString());
            var variable = _scope.Declare(new Variable { Name = declaration.Name, Type = type, Declared = reference }, declaration.Line);
            if (declaration.Initial is { } initial)
            {
                variable.Value = EvaluateAs(initial, variable);
            }
        }
    }

    private void SetVariable(SetVariableStatement set)
    {
        var variable = FindScalar(set.Variable, set.Line);
        var value = set.CompoundOperator is { } op
            ? new BinaryExpression { Left = new VariableReference { Name = set.Variable, Line = set.Line }, Operator = op, Right = set.Value, Line = set.Line }
            : set.Value;
        variable.Value = EvaluateAs(value, variable);
        _rowCount = 1;
    }

    private Variable FindScalar(string name, int line)
    {
        var variable = _scope.Find(name);
        if (variable is null || variable.Table is not null)
        {
            throw new EngineException(137, 15, 2, $"Must declare the scalar variable \"{name}\".") { Line = line };
        }

        return variable;
    }

    private void WaitFor(WaitForStatement wait)
    {
        var text = SqlValues.Text(Evaluate(wait.Delay));
        if (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var delay) || delay < TimeSpan.Zero || delay >= TimeSpan.FromDays(1))
        {
            throw new EngineException(148, 15, 1, $"Incorrect time syntax in time string '{text}' used with WAITFOR.") { Line = wait.Line };
        }

        // A cancelled wait ends like any cancelled statement: the attention is the client's answer.
        _cancellation.WaitHandle.WaitOne(delay);
        _cancellation.ThrowIfCancellationRequested();
    }

    /// <summary>USE of the session's own database or master is accepted (there is no other database).</summary>
    private void Use(UseStatement use)
    {
        var name = use.Database;
        if (!string.Equals(name, Database, StringComparison.OrdinalIgnoreCase) && !string.Equals(name, "master", StringComparison.OrdinalIgnoreCase))
        {
            throw new EngineException(911, 16, 1, $"Database '{name}' does not exist. Make sure that the name is entered correctly.") { Line = use.Line };
        }

        _sink.Info(5701, 0, 1, $"Changed database context to '{Database}'.", use.Line);
    }
}
