using PredictEngine.SqlFrontend.Ast;
using PredictEngine.SqlFrontend.Parsing;
using PredictEngine.SqlFrontend.Procedures;
using PredictEngine.SqlFrontend.Types;
using PredictEngine.Storage.Errors;

namespace PredictEngine.SqlFrontend.Execution.Tsql;

/// <summary>EXEC: dynamic SQL, sp_executesql and the registered system procedures.</summary>
public sealed partial class TsqlBatchExecutor
{
    private const int MaxNesting = 32;

    // @@NESTLEVEL: how many dynamic-SQL scopes or procedures are running below the batch.
    private int _depth;

    private void Execute(ExecuteStatement statement)
    {
        if (statement.DynamicSql is { } dynamicSql)
        {
            RunDynamic(SqlValues.Text(Evaluate(dynamicSql)), new VariableScope(), statement.Line);
            return;
        }

        var name = statement.Procedure?.Name
            ?? SqlValues.Text(Evaluate(new VariableReference { Name = statement.ProcedureVariable!, Line = statement.Line }));
        int status;
        if (string.Equals(name, "sp_executesql", StringComparison.OrdinalIgnoreCase))
        {
            status = ExecuteSql(statement);
        }
        else
        {
            var procedure = (statement.Procedure is { } objectName ? _procedures.Find(objectName, Database) : _procedures.Find(name))
                ?? throw new EngineException(2812, 16, 62, $"Could not find stored procedure '{statement.Procedure?.ToString() ?? name}'.") { Line = statement.Line };
            var arguments = statement.Arguments.Select(Argument).ToList();
            _depth++;
            try
            {
                status = procedure.Execute(new ProcedureContext(this), arguments);
            }
            finally
            {
                _depth--;
            }
        }

        if (statement.ReturnVariable is { } returnVariable)
        {
            var variable = FindScalar(returnVariable, statement.Line);
            variable.Value = SqlValues.Convert(status, variable.Type);
        }
    }

    private ProcedureArgument Argument(ExecuteArgument argument)
    {
        var value = argument.Value switch
        {
            LiteralExpression { Kind: LiteralKind.Default } => null,

            // EXEC sp_help orders: a bare word is a string, as SQL Server takes it.
            ColumnReference { Parts.Count: 1 } word => word.Name,
            var expression => Evaluate(expression),
        };
        return new ProcedureArgument(argument.Name, value, SqlValues.TypeOf(value), argument.Output);
    }

    /// <summary>
    /// sp_executesql @stmt [, @params, values...]: the statement runs in its own scope with the declared
    /// parameters; values bind by position, then by name; OUTPUT parameters are copied back to the caller's
    /// variables passed with OUTPUT.
    /// </summary>
    private int ExecuteSql(ExecuteStatement statement)
    {
        var arguments = statement.Arguments;
        if (arguments.Count == 0)
        {
            throw new EngineException(201, 16, 4, "Procedure or function 'sp_executesql' expects parameter '@statement', which was not supplied.") { Line = statement.Line };
        }

        var text = SqlValues.Text(Evaluate(arguments[0].Value));
        var declarationText = arguments.Count > 1 ? SqlValues.Text(Evaluate(arguments[1].Value)) : string.Empty;
        var declarations = Parser.ParseParameterDeclarations(declarationText);
        var scope = new VariableScope();
        var supplied = new ExecuteArgument?[declarations.Count];
        for (var i = 2; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            var index = argument.Name is null ? i - 2 : IndexOf(declarations, argument.Name);
            if (index < 0 || index >= declarations.Count)
            {
                throw new EngineException(8145, 16, 1, argument.Name is null
                    ? "Procedure or function sp_executesql has too many arguments specified."
                    : $"{argument.Name} is not a parameter for procedure sp_executesql.") { Line = statement.Line };
            }

            supplied[index] = argument;
        }

        for (var i = 0; i < declarations.Count; i++)
        {
            var (name, reference, _) = declarations[i];
            if (supplied[i] is not { Value: not LiteralExpression { Kind: LiteralKind.Default } } argument)
            {
                var query = $"({declarationText}){text}";
                throw new EngineException(8178, 16, 1, $"The parameterized query '{(query.Length > 100 ? query[..100] : query)}' expects the parameter '{name}', which was not supplied.") { Line = statement.Line };
            }

            var variable = new Variable { Name = name, Type = SqlTypeName.Parse(reference.ToString()), Declared = reference };
            variable.Value = EvaluateAs(argument.Value, variable);
            scope.Declare(variable, statement.Line);
        }

        var status = RunDynamic(text, scope, statement.Line);
        for (var i = 0; i < declarations.Count; i++)
        {
            if (declarations[i].Output && supplied[i] is { Output: true, Value: VariableReference target })
            {
                var variable = FindScalar(target.Name, statement.Line);
                variable.Value = SqlValues.Convert(scope.Find(declarations[i].Name)?.Value, variable.Type);
            }
        }

        return status;
    }

    private static int IndexOf(IReadOnlyList<(string Name, DataTypeReference Type, bool Output)> declarations, string name)
    {
        for (var i = 0; i < declarations.Count; i++)
        {
            if (string.Equals(declarations[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Runs dynamic SQL in a child scope. Its compile errors end only the EXEC (the caller's batch goes on), as
    /// in SQL Server; its other errors behave as in a batch of their own. Returns 0, or the last error number.
    /// </summary>
    private int RunDynamic(string text, VariableScope scope, int line)
    {
        if (_depth >= MaxNesting)
        {
            throw new EngineException(217, 16, 1, "Maximum stored procedure, function, trigger, or view nesting level exceeded (limit 32).") { Line = line };
        }

        SqlBatch batch;
        try
        {
            batch = Parser.ParseBatch(text);
        }
        catch (EngineException e)
        {
            _lastError = e.Number;
            if (_tryDepth > 0)
            {
                throw new CaughtException(e);
            }

            Report(e, e.Line);
            return e.Number;
        }

        _depth++;
        try
        {
            _lastError = 0;
            RunScope(scope, batch.Statements);
            return _lastError;
        }
        finally
        {
            _depth--;
        }
    }
}
