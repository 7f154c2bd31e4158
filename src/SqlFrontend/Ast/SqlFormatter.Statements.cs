namespace PredictEngine.SqlFrontend.Ast;

/// <summary>DML and procedural statements. Statements inside BEGIN ... END end with "; " so the block reparses unambiguously.</summary>
public static partial class SqlFormatter
{
    private static string Statement(Statement statement) => statement switch
    {
        SelectStatement select => With(select.With) + Query(select.Query),
        InsertStatement insert => Insert(insert),
        UpdateStatement update => Update(update),
        DeleteStatement delete => Delete(delete),
        BulkInsertStatement bulk => $"BULK INSERT {Name(bulk.Table)} FROM {Expression(bulk.Path)}"
            + (bulk.Options.Count > 0 ? $" WITH ({string.Join(", ", bulk.Options.Select(BulkOption))})" : string.Empty),
        UseStatement use => "USE " + Identifier(use.Database),
        SetOptionStatement set => SetOption(set),
        TransactionStatement transaction => Transaction(transaction),
        DeclareStatement declare => "DECLARE " + string.Join(", ", declare.Variables.Select(VariableDeclaration)),
        SetVariableStatement set => $"SET {set.Variable} {Assign(set.CompoundOperator)} {Expression(set.Value)}",
        IfStatement @if => $"IF {Expression(@if.Condition)} {Statement(@if.Then)}" + (@if.Else is { } otherwise ? " ELSE " + Statement(otherwise) : string.Empty),
        WhileStatement loop => $"WHILE {Expression(loop.Condition)} {Statement(loop.Body)}",
        BreakStatement => "BREAK",
        ContinueStatement => "CONTINUE",
        BlockStatement block => "BEGIN " + Body(block.Statements) + "END",
        TryCatchStatement tryCatch => "BEGIN TRY " + Body(tryCatch.Try) + "END TRY BEGIN CATCH " + Body(tryCatch.Catch) + "END CATCH",
        PrintStatement print => "PRINT " + Expression(print.Value),
        RaiserrorStatement raiserror => Raiserror(raiserror),
        ThrowStatement @throw => @throw.Number is null ? "THROW" : $"THROW {Expression(@throw.Number)}, {Expression(@throw.Message!)}, {Expression(@throw.State!)}",
        ReturnStatement @return => @return.Value is { } value ? "RETURN " + Expression(value) : "RETURN",
        WaitForStatement wait => "WAITFOR DELAY " + Expression(wait.Delay),
        ExecuteStatement execute => Execute(execute),
        UnsupportedStatement unsupported => unsupported.Construct,
        _ => DdlStatement(statement),
    };

    private static string Body(IEnumerable<Statement> statements) => string.Concat(statements.Select(s => Statement(s) + "; "));

    private static string DmlTarget(DmlTarget target) => target.Variable ?? Name(target.Table!);

    private static string Insert(InsertStatement insert)
    {
        var text = With(insert.With) + "INSERT " + (insert.Top is { } top ? Top(top) : string.Empty) + "INTO " + DmlTarget(insert.Target);
        if (insert.Columns.Count > 0)
        {
            text += " " + IdentifierList(insert.Columns);
        }

        return text + " " + insert.Source switch
        {
            ValuesInsertSource values => "VALUES " + Rows(values.Rows),
            QueryInsertSource query => Query(query.Query),
            DefaultValuesInsertSource => "DEFAULT VALUES",
            ExecuteInsertSource execute => Execute(execute.Execute),
            _ => throw new ArgumentException($"Cannot format a {insert.Source.GetType().Name}.", nameof(insert)),
        };
    }

    private static string Update(UpdateStatement update)
    {
        var text = With(update.With) + "UPDATE " + (update.Top is { } top ? Top(top) : string.Empty) + DmlTarget(update.Target);
        text += " SET " + string.Join(", ", update.SetClauses.Select(SetClause));
        return text + From(update.From) + Where(update.Where);
    }

    private static string SetClause(SetClause set)
    {
        var target = set.Column is { } column
            ? (set.Variable is { } variable ? variable + " = " : string.Empty) + Parts(column)
            : set.Variable!;
        return $"{target} {Assign(set.CompoundOperator)} {Expression(set.Value)}";
    }

    private static string Delete(DeleteStatement delete) =>
        With(delete.With) + "DELETE " + (delete.Top is { } top ? Top(top) : string.Empty) + "FROM " + DmlTarget(delete.Target)
        + From(delete.From) + Where(delete.Where);

    private static string From(IReadOnlyList<TableSource> from) => from.Count > 0 ? " FROM " + string.Join(", ", from.Select(TableSource)) : string.Empty;

    private static string Where(Expression? where) => where is null ? string.Empty : " WHERE " + Expression(where);

    private static string SetOption(SetOptionStatement set)
    {
        var value = set.Value;
        var raw = set.Options.Count == 1 && set.Options[0] == "TRANSACTION ISOLATION LEVEL";
        if (!raw && !(value.Length > 0 && (value[0] is '@' or '-' || char.IsAsciiDigit(value[0]) || IsRegular(value))))
        {
            value = "N" + String(value);
        }

        const string Statistics = "STATISTICS ";
        var options = set.Options.Count > 1 && set.Options.All(o => o.StartsWith(Statistics, StringComparison.Ordinal))
            ? Statistics + string.Join(", ", set.Options.Select(o => o[Statistics.Length..]))
            : string.Join(", ", set.Options);
        return $"SET {options} {value}";
    }

    private static string Transaction(TransactionStatement transaction)
    {
        var verb = transaction.Kind switch
        {
            TransactionStatementKind.Begin => "BEGIN",
            TransactionStatementKind.Commit => "COMMIT",
            TransactionStatementKind.Rollback => "ROLLBACK",
            _ => "SAVE",
        };
        var name = transaction.Name switch
        {
            null => string.Empty,
            { } n when n.StartsWith('@') => " " + n,
            { } n => " " + Identifier(n),
        };
        return $"{verb} TRANSACTION{name}";
    }

    private static string VariableDeclaration(VariableDeclaration declaration)
    {
        if (declaration.TableColumns is { } columns)
        {
            return $"{declaration.Name} TABLE ({string.Join(", ", columns.Select(ColumnDefinition).Concat(declaration.TableConstraints.Select(TableConstraint)))})";
        }

        var text = declaration.Name + " " + DataType(declaration.DataType!);
        return declaration.Initial is { } initial ? text + " = " + Expression(initial) : text;
    }

    private static string Raiserror(RaiserrorStatement raiserror)
    {
        var arguments = new[] { raiserror.Message, raiserror.Severity, raiserror.State }.Concat(raiserror.Arguments);
        var text = $"RAISERROR({List(arguments)})";
        return raiserror.Options.Count > 0 ? text + " WITH " + string.Join(", ", raiserror.Options) : text;
    }

    private static string Execute(ExecuteStatement execute)
    {
        if (execute.DynamicSql is { } sql)
        {
            return $"EXEC ({Expression(sql)})";
        }

        var text = "EXEC " + (execute.ReturnVariable is { } rc ? rc + " = " : string.Empty)
            + (execute.ProcedureVariable ?? Name(execute.Procedure!));
        return execute.Arguments.Count > 0 ? text + " " + string.Join(", ", execute.Arguments.Select(ExecuteArgument)) : text;
    }

    private static string ExecuteArgument(ExecuteArgument argument) =>
        (argument.Name is { } name ? name + " = " : string.Empty) + Expression(argument.Value) + (argument.Output ? " OUTPUT" : string.Empty);
}
