using PredictEngine.SqlFrontend.Ast;

namespace PredictEngine.SqlFrontend.Parsing;

/// <summary>SELECT statements, CTEs, set operations (INTERSECT binds tighter than UNION / EXCEPT), ORDER BY, OFFSET / FETCH.</summary>
public sealed partial class Parser
{
    private SelectStatement ParseSelectStatement(IReadOnlyList<CommonTableExpression> with, int line)
    {
        var query = ParseQueryExpression();
        SkipQueryOptions();
        return new SelectStatement { With = with, Query = query, Line = line };
    }

    /// <summary>OPTION (RECOMPILE, MAXDOP 1...): query hints only steer SQL Server's optimizer, so they are accepted and ignored.</summary>
    private void SkipQueryOptions()
    {
        if (!IsWord("OPTION") || PeekToken().Kind != TokenKind.LeftParen)
        {
            return;
        }

        Advance();
        SkipParenthesized();
    }

    private void SkipParenthesized()
    {
        Expect(TokenKind.LeftParen);
        var depth = 1;
        while (depth > 0)
        {
            var token = Current.Kind == TokenKind.EndOfInput ? throw Error() : Advance();
            depth += token.Kind switch
            {
                TokenKind.LeftParen => 1,
                TokenKind.RightParen => -1,
                _ => 0,
            };
        }
    }

    /// <summary>WITH name [(cols)] AS (query), ...</summary>
    private List<CommonTableExpression> ParseWith()
    {
        ExpectWord("WITH");
        var ctes = new List<CommonTableExpression>();
        do
        {
            var line = Current.Line;
            var name = ExpectIdentifier();
            IReadOnlyList<string> columns = Current.Kind == TokenKind.LeftParen ? ParseIdentifierList() : [];
            ExpectWord("AS");
            ctes.Add(new CommonTableExpression { Name = name, Columns = columns, Query = ParseParenthesizedQuery(), Line = line });
        }
        while (Accept(TokenKind.Comma));
        return ctes;
    }

    private QueryExpression ParseQueryExpression()
    {
        var left = ParseIntersectTerm();
        while (IsWord("UNION") || IsWord("EXCEPT"))
        {
            var op = AcceptWord("EXCEPT") ? SetOperator.Except
                : Advance().IsWord("UNION") && AcceptWord("ALL") ? SetOperator.UnionAll : SetOperator.Union;
            left = new BinaryQueryExpression { Operator = op, Left = left, Right = ParseIntersectTerm(), Line = left.Line };
        }

        if (!IsWord("ORDER"))
        {
            return left;
        }

        Advance();
        ExpectWord("BY");
        var orderBy = ParseOrderByItems();
        Expression? offset = null;
        Expression? fetch = null;
        if (AcceptWord("OFFSET"))
        {
            offset = ParseValue();
            ExpectRowsWord();
            if (AcceptWord("FETCH"))
            {
                if (!AcceptWord("NEXT"))
                {
                    ExpectWord("FIRST");
                }

                fetch = ParseValue();
                ExpectRowsWord();
                ExpectWord("ONLY");
            }
        }

        return WithOrdering(left, orderBy, offset, fetch);
    }

    private void ExpectRowsWord()
    {
        if (!AcceptWord("ROWS"))
        {
            ExpectWord("ROW");
        }
    }

    /// <summary>Nodes are immutable: the ORDER BY read after the operands is attached by rebuilding the top node.</summary>
    private static QueryExpression WithOrdering(QueryExpression query, IReadOnlyList<OrderByItem> orderBy, Expression? offset, Expression? fetch) => query switch
    {
        QuerySpecification q => new QuerySpecification
        {
            Distinct = q.Distinct, Top = q.Top, SelectItems = q.SelectItems, Into = q.Into, From = q.From, Where = q.Where,
            GroupBy = q.GroupBy, Having = q.Having, OrderBy = orderBy, Offset = offset, Fetch = fetch, Line = q.Line,
        },
        BinaryQueryExpression b => new BinaryQueryExpression
        {
            Operator = b.Operator, Left = b.Left, Right = b.Right, OrderBy = orderBy, Offset = offset, Fetch = fetch, Line = b.Line,
        },
        ParenthesizedQuery p => new ParenthesizedQuery { Query = p.Query, OrderBy = orderBy, Offset = offset, Fetch = fetch, Line = p.Line },
        _ => throw new InvalidOperationException("Unknown query node."),
    };

    private QueryExpression ParseIntersectTerm()
    {
        var left = ParseQueryPrimary();
        while (AcceptWord("INTERSECT"))
        {
            left = new BinaryQueryExpression { Operator = SetOperator.Intersect, Left = left, Right = ParseQueryPrimary(), Line = left.Line };
        }

        return left;
    }

    private QueryExpression ParseQueryPrimary() => Nested(ParseQueryPrimaryCore);

    private QueryExpression ParseQueryPrimaryCore()
    {
        if (Current.Kind == TokenKind.LeftParen)
        {
            var line = Advance().Line;
            var inner = ParseQueryExpression();
            Expect(TokenKind.RightParen);
            return new ParenthesizedQuery { Query = inner, Line = line };
        }

        return ParseQuerySpecification();
    }

    private QuerySpecification ParseQuerySpecification()
    {
        var line = Current.Line;
        ExpectWord("SELECT");
        var distinct = AcceptWord("DISTINCT");
        if (!distinct)
        {
            AcceptWord("ALL");
        }

        var top = IsWord("TOP") ? ParseTop(allowPercent: true) : null;
        var items = new List<SelectItem>();
        do
        {
            items.Add(ParseSelectItem());
        }
        while (Accept(TokenKind.Comma));

        var into = AcceptWord("INTO") ? ParseObjectName() : null;
        IReadOnlyList<TableSource> from = AcceptWord("FROM") ? ParseFromList() : [];
        var where = AcceptWord("WHERE") ? ParseCondition() : null;
        IReadOnlyList<Expression> groupBy = [];
        if (AcceptWord("GROUP"))
        {
            ExpectWord("BY");
            groupBy = ParseExpressionList();
        }

        var having = AcceptWord("HAVING") ? ParseCondition() : null;
        return new QuerySpecification
        {
            Distinct = distinct, Top = top, SelectItems = items, Into = into, From = from, Where = where,
            GroupBy = groupBy, Having = having, Line = line,
        };
    }

    /// <summary>TOP (expr) or TOP n, with PERCENT and WITH TIES where a SELECT allows them.</summary>
    private TopClause ParseTop(bool allowPercent)
    {
        var line = Advance().Line;
        Expression count;
        if (Current.Kind == TokenKind.LeftParen)
        {
            Advance();
            count = ParseValue();
            Expect(TokenKind.RightParen);
        }
        else
        {
            count = Current.Kind is TokenKind.Integer or TokenKind.Decimal or TokenKind.Float or TokenKind.Variable ? ParsePrimary() : throw Error();
        }

        var percent = AcceptWord("PERCENT");
        var ties = false;
        if (allowPercent && IsWord("WITH") && IsWordAt(1, "TIES"))
        {
            _pos += 2;
            ties = true;
        }

        return new TopClause { Count = count, Percent = percent, WithTies = ties, Line = line };
    }

    private SelectItem ParseSelectItem()
    {
        var line = Current.Line;
        if (Current.Kind == TokenKind.Variable && (PeekToken().Kind is TokenKind.Equals or TokenKind.CompoundAssign))
        {
            var variable = Advance().Value;
            var compound = Advance().Kind == TokenKind.CompoundAssign ? CompoundOperator(_tokens[_pos - 1]) : (BinaryOperator?)null;
            return new SelectAssignment { Variable = variable, CompoundOperator = compound, Expression = ParseValue(), Line = line };
        }

        if ((IsIdentifier(Current) || Current.Kind == TokenKind.String) && PeekToken().Kind == TokenKind.Equals)
        {
            var alias = TakeName();
            Advance();
            return new SelectColumn { Expression = ParseValue(), Alias = alias, Line = line };
        }

        var expression = ParseValue();
        if (expression is StarExpression star)
        {
            return new SelectStar { Qualifier = star.Qualifier, Line = line };
        }

        return new SelectColumn { Expression = expression, Alias = ParseOptionalAlias(allowString: true), Line = line };
    }

    /// <summary>[AS] alias: without AS only a non-reserved word, a delimited name or (select lists) a string.</summary>
    private string? ParseOptionalAlias(bool allowString)
    {
        if (AcceptWord("AS"))
        {
            return allowString && Current.Kind == TokenKind.String ? TakeName() : ExpectIdentifier();
        }

        if ((IsIdentifier(Current) && !IsStatementWord(Current)) || (allowString && Current.Kind == TokenKind.String))
        {
            return TakeName();
        }

        return null;
    }

    /// <summary>Non-reserved words that start a statement: never taken as an alias, so statements need no semicolons.</summary>
    private static bool IsStatementWord(Token token) => token.IsWord("THROW");

    private static BinaryOperator CompoundOperator(Token token) => token.Value[0] switch
    {
        '+' => BinaryOperator.Add,
        '-' => BinaryOperator.Subtract,
        '*' => BinaryOperator.Multiply,
        '/' => BinaryOperator.Divide,
        '%' => BinaryOperator.Modulo,
        '&' => BinaryOperator.BitwiseAnd,
        '|' => BinaryOperator.BitwiseOr,
        _ => BinaryOperator.BitwiseXor,
    };
}
