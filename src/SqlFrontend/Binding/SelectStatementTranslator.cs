using PredictEngine.SqlFrontend.Ast;
using PredictEngine.SqlFrontend.Execution;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Binding;

/// <summary>SELECT statements: result sets, SELECT @v = ... assignments, SELECT INTO, and scalar expressions.</summary>
internal sealed partial class Binder
{
    public TranslatedStatement Select(SelectStatement statement)
    {
        var with = PushCtes(statement.With);
        try
        {
            var first = FirstSpecification(statement.Query);
            if (first.SelectItems.Any(i => i is SelectAssignment))
            {
                if (statement.Query is not QuerySpecification)
                {
                    throw new EngineException(141, 15, 1, "A SELECT statement that assigns a value to a variable must not be combined with data-retrieval operations.") { Line = statement.Line };
                }

                var assignments = new List<string>();
                var assigned = Specification(first, null, assignments);
                return new TranslatedStatement
                {
                    Commands = [Command(with + assigned.Sql)],
                    Outcome = StatementOutcome.Select,
                    Columns = assigned.Columns.Select(c => new ResultColumn(c.Name, c.Type)).ToList(),
                    Assignments = assignments,
                };
            }

            var result = Query(statement.Query, null);
            if (first.Into is { } into)
            {
                return SelectInto(into, with, result, statement.Line);
            }

            return new TranslatedStatement
            {
                Commands = [Command(with + result.Sql)],
                Outcome = StatementOutcome.Select,
                Columns = result.Columns.Select(c => new ResultColumn(c.Name, c.Type)).ToList(),
            };
        }
        finally
        {
            PopCtes();
        }
    }

    private static QuerySpecification FirstSpecification(QueryExpression query) => query switch
    {
        QuerySpecification spec => spec,
        BinaryQueryExpression binary => FirstSpecification(binary.Left),
        ParenthesizedQuery parenthesized => FirstSpecification(parenthesized.Query),
        _ => throw new InvalidOperationException("Unknown query node."),
    };

    /// <summary>SELECT INTO: the new table gets the query's T-SQL column types (in comments), then the rows.</summary>
    private TranslatedStatement SelectInto(ObjectName into, string with, QueryResult result, int line)
    {
        var parameters = TakeParameters();
        var names = ColumnNames(result, [], into.Name, line);
        var columns = result.Columns.Select((c, i) => new ColumnInfo(names[i], c.Type, true)).ToList();
        var (storage, commands) = CreateTableCommands(into, columns, line);
        var select = $"{with}SELECT * FROM ({result.Sql}) AS \"src\"";
        commands.Add(new TranslatedCommand($"INSERT INTO {storage} {select}", parameters));
        return new TranslatedStatement { Commands = commands, Outcome = StatementOutcome.Insert, ChangesCatalog = true };
    }

    public TranslatedStatement Scalar(Expression expression)
    {
        var bound = Expr(expression, new NameScope(null));
        var sql = bound.IsPredicate ? $"SELECT CAST(({bound.Sql}) AS BOOLEAN)" : $"SELECT {bound.Sql}";
        var type = bound.IsPredicate ? SqlType.Bit : bound.Type ?? SqlType.Int;
        return new TranslatedStatement
        {
            Commands = [Command(sql)],
            Outcome = StatementOutcome.Select,
            Columns = [new ResultColumn(string.Empty, type)],
        };
    }
}
