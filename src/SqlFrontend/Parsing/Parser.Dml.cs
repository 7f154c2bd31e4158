using PredictEngine.SqlFrontend.Ast;

namespace PredictEngine.SqlFrontend.Parsing;

/// <summary>INSERT, UPDATE, DELETE (with leading CTEs) and BULK INSERT.</summary>
public sealed partial class Parser
{
    private InsertStatement ParseInsert(IReadOnlyList<CommonTableExpression> with, int line)
    {
        ExpectWord("INSERT");
        var top = IsWord("TOP") ? ParseTop(allowPercent: false) : null;
        AcceptWord("INTO");
        var target = ParseDmlTarget();
        IReadOnlyList<string> columns = Current.Kind == TokenKind.LeftParen && !IsQueryStart() ? ParseIdentifierList() : [];
        var sourceLine = Current.Line;
        InsertSource source;
        if (AcceptWord("VALUES"))
        {
            source = new ValuesInsertSource { Rows = ParseValuesRows(), Line = sourceLine };
        }
        else if (IsWord("DEFAULT"))
        {
            Advance();
            ExpectWord("VALUES");
            source = new DefaultValuesInsertSource { Line = sourceLine };
        }
        else if (IsWord("EXEC") || IsWord("EXECUTE"))
        {
            source = new ExecuteInsertSource { Execute = ParseExecute() as ExecuteStatement ?? throw Error(), Line = sourceLine };
        }
        else if (IsWord("SELECT") || Current.Kind == TokenKind.LeftParen)
        {
            source = new QueryInsertSource { Query = ParseQueryExpression(), Line = sourceLine };
            SkipQueryOptions();
        }
        else
        {
            throw Error();
        }

        return new InsertStatement { With = with, Top = top, Target = target, Columns = columns, Source = source, Line = line };
    }

    /// <summary>A table or view name (table hints accepted and ignored) or a @table variable.</summary>
    private DmlTarget ParseDmlTarget()
    {
        var line = Current.Line;
        if (Current.Kind == TokenKind.Variable)
        {
            return new DmlTarget { Variable = Advance().Value, Line = line };
        }

        var name = ParseObjectName();
        if ((IsWord("WITH") && PeekToken().Kind == TokenKind.LeftParen) || IsLegacyHintList())
        {
            ParseTableHints();
        }

        return new DmlTarget { Table = name, Line = line };
    }

    private UpdateStatement ParseUpdate(IReadOnlyList<CommonTableExpression> with, int line)
    {
        ExpectWord("UPDATE");
        var top = IsWord("TOP") ? ParseTop(allowPercent: false) : null;
        var target = ParseDmlTarget();
        ExpectWord("SET");
        var clauses = new List<SetClause>();
        do
        {
            clauses.Add(ParseSetClause());
        }
        while (Accept(TokenKind.Comma));
        IReadOnlyList<TableSource> from = AcceptWord("FROM") ? ParseFromList() : [];
        var where = AcceptWord("WHERE") ? ParseCondition() : null;
        SkipQueryOptions();
        return new UpdateStatement { With = with, Top = top, Target = target, SetClauses = clauses, From = from, Where = where, Line = line };
    }

    /// <summary>col = e, t.col += e, @v = e, @v = col = e.</summary>
    private SetClause ParseSetClause()
    {
        var line = Current.Line;
        string? variable = null;
        if (Current.Kind == TokenKind.Variable)
        {
            variable = Advance().Value;
            if (Current.Kind == TokenKind.CompoundAssign)
            {
                var op = CompoundOperator(Advance());
                return new SetClause { Variable = variable, CompoundOperator = op, Value = ParseValue(), Line = line };
            }

            Expect(TokenKind.Equals);
            if (!IsColumnAssignmentAhead())
            {
                return new SetClause { Variable = variable, Value = ParseValue(), Line = line };
            }
        }

        var column = new List<string> { ExpectIdentifier() };
        while (Accept(TokenKind.Dot))
        {
            column.Add(ExpectIdentifier());
        }

        BinaryOperator? compound = null;
        if (Current.Kind == TokenKind.CompoundAssign && variable is null)
        {
            compound = CompoundOperator(Advance());
        }
        else
        {
            Expect(TokenKind.Equals);
        }

        return new SetClause { Column = column, Variable = variable, CompoundOperator = compound, Value = ParseValue(), Line = line };
    }

    /// <summary>After <c>@v =</c>: whether a column name and another '=' follow (the <c>@v = col = expr</c> form).</summary>
    private bool IsColumnAssignmentAhead()
    {
        var ahead = 0;
        while (IsIdentifier(PeekToken(ahead)))
        {
            ahead++;
            if (PeekToken(ahead).Kind == TokenKind.Equals)
            {
                return true;
            }

            if (PeekToken(ahead).Kind != TokenKind.Dot)
            {
                return false;
            }

            ahead++;
        }

        return false;
    }

    private DeleteStatement ParseDelete(IReadOnlyList<CommonTableExpression> with, int line)
    {
        ExpectWord("DELETE");
        var top = IsWord("TOP") ? ParseTop(allowPercent: false) : null;
        AcceptWord("FROM");
        var target = ParseDmlTarget();
        IReadOnlyList<TableSource> from = AcceptWord("FROM") ? ParseFromList() : [];
        var where = AcceptWord("WHERE") ? ParseCondition() : null;
        SkipQueryOptions();
        return new DeleteStatement { With = with, Top = top, Target = target, From = from, Where = where, Line = line };
    }

    /// <summary>BULK INSERT table FROM 'file' [WITH (option [= value], ...)].</summary>
    private BulkInsertStatement ParseBulkInsert()
    {
        var line = Advance().Line;
        ExpectWord("INSERT");
        var table = ParseObjectName();
        ExpectWord("FROM");
        var path = ParsePrimary();
        var options = new List<BulkOption>();
        if (IsWord("WITH") && PeekToken().Kind == TokenKind.LeftParen)
        {
            _pos += 2;
            do
            {
                options.Add(ParseBulkOption());
            }
            while (Accept(TokenKind.Comma));
            Expect(TokenKind.RightParen);
        }

        return new BulkInsertStatement { Table = table, Path = path, Options = options, Line = line };
    }
}
