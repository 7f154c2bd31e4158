using PredictEngine.SqlFrontend.Ast;

namespace PredictEngine.SqlFrontend.Parsing;

/// <summary>
/// Expressions, loosest first: OR, AND, NOT, predicates (comparisons, IS NULL, BETWEEN, IN, LIKE, EXISTS,
/// ALL/ANY/SOME), + - &amp; ^ |, * / %, then prefix - + ~ and primaries with an optional COLLATE.
/// </summary>
public sealed partial class Parser
{
    /// <summary>A value: predicates (comparisons, AND, LIKE...) are not values in T-SQL, so `SELECT 1 = 1` fails at '='.</summary>
    private Expression ParseValue() => ParseAdditive();

    /// <summary>A search condition (WHERE, ON, HAVING, IF, WHILE, WHEN, CHECK): a value there is SQL Server's Msg 4145.</summary>
    private Expression ParseCondition()
    {
        var condition = ParseExpression();
        if (!IsCondition(condition))
        {
            var near = NearToken(_pos);
            throw new Storage.Errors.EngineException(
                Storage.Errors.ErrorNumbers.NonBooleanCondition, 15, 1,
                $"An expression of non-boolean type specified in a context where a condition is expected, near '{NearText(near)}'.")
            { Line = near.Line };
        }

        return condition;
    }

    private static bool IsCondition(Expression expression) => expression switch
    {
        BinaryExpression { Operator: BinaryOperator.And or BinaryOperator.Or } logical => IsCondition(logical.Left) && IsCondition(logical.Right),
        BinaryExpression binary => ComparisonOperators.Contains(binary.Operator),
        UnaryExpression { Operator: UnaryOperator.Not } not => IsCondition(not.Operand),
        ParenthesizedExpression parenthesized => IsCondition(parenthesized.Inner),
        IsNullExpression or InExpression or BetweenExpression or LikeExpression or ExistsExpression or QuantifiedComparison => true,
        _ => false,
    };

    private static readonly BinaryOperator[] ComparisonOperators =
    [
        BinaryOperator.Equal, BinaryOperator.NotEqual, BinaryOperator.Less, BinaryOperator.Greater, BinaryOperator.LessOrEqual,
        BinaryOperator.GreaterOrEqual, BinaryOperator.NotLess, BinaryOperator.NotGreater,
    ];

    private Expression ParseExpression()
    {
        var left = ParseAnd();
        while (IsWord("OR"))
        {
            var line = Advance().Line;
            left = new BinaryExpression { Operator = BinaryOperator.Or, Left = left, Right = ParseAnd(), Line = line };
        }

        return left;
    }

    private Expression ParseAnd()
    {
        var left = ParseNot();
        while (IsWord("AND"))
        {
            var line = Advance().Line;
            left = new BinaryExpression { Operator = BinaryOperator.And, Left = left, Right = ParseNot(), Line = line };
        }

        return left;
    }

    private Expression ParseNot()
    {
        if (IsWord("NOT"))
        {
            var line = Advance().Line;
            return new UnaryExpression { Operator = UnaryOperator.Not, Operand = ParseNot(), Line = line };
        }

        return ParsePredicate();
    }

    private Expression ParsePredicate()
    {
        var line = Current.Line;
        if (IsWord("EXISTS"))
        {
            Advance();
            return new ExistsExpression { Subquery = ParseParenthesizedQuery(), Line = line };
        }

        var left = ParseAdditive();
        if (ComparisonOperator(Current.Kind) is { } comparison)
        {
            Advance();
            if (IsWord("ALL") || IsWord("ANY") || IsWord("SOME"))
            {
                var quantifier = Enum.Parse<Quantifier>(Advance().Value, ignoreCase: true);
                return new QuantifiedComparison { Left = left, Operator = comparison, Quantifier = quantifier, Subquery = ParseParenthesizedQuery(), Line = left.Line };
            }

            return new BinaryExpression { Operator = comparison, Left = left, Right = ParseAdditive(), Line = left.Line };
        }

        if (IsWord("IS"))
        {
            Advance();
            var negated = AcceptWord("NOT");
            ExpectWord("NULL");
            return new IsNullExpression { Operand = left, Negated = negated, Line = left.Line };
        }

        var not = IsWord("NOT") && (IsWordAt(1, "BETWEEN") || IsWordAt(1, "IN") || IsWordAt(1, "LIKE"));
        if (not)
        {
            Advance();
        }

        if (AcceptWord("BETWEEN"))
        {
            var low = ParseAdditive();
            ExpectWord("AND");
            return new BetweenExpression { Operand = left, Low = low, High = ParseAdditive(), Negated = not, Line = left.Line };
        }

        if (AcceptWord("LIKE"))
        {
            var pattern = ParseAdditive();
            var escape = AcceptWord("ESCAPE") ? ParseAdditive() : null;
            return new LikeExpression { Operand = left, Pattern = pattern, Escape = escape, Negated = not, Line = left.Line };
        }

        if (AcceptWord("IN"))
        {
            Expect(TokenKind.LeftParen);
            if (IsQueryStart())
            {
                var query = ParseQueryExpression();
                Expect(TokenKind.RightParen);
                return new InExpression { Operand = left, Subquery = query, Negated = not, Line = left.Line };
            }

            var values = ParseExpressionList();
            Expect(TokenKind.RightParen);
            return new InExpression { Operand = left, Values = values, Negated = not, Line = left.Line };
        }

        return left;
    }

    private static BinaryOperator? ComparisonOperator(TokenKind kind) => kind switch
    {
        TokenKind.Equals => BinaryOperator.Equal,
        TokenKind.NotEquals => BinaryOperator.NotEqual,
        TokenKind.Less => BinaryOperator.Less,
        TokenKind.Greater => BinaryOperator.Greater,
        TokenKind.LessOrEqual => BinaryOperator.LessOrEqual,
        TokenKind.GreaterOrEqual => BinaryOperator.GreaterOrEqual,
        TokenKind.NotLess => BinaryOperator.NotLess,
        TokenKind.NotGreater => BinaryOperator.NotGreater,
        _ => null,
    };

    private Expression ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (true)
        {
            BinaryOperator? op = Current.Kind switch
            {
                TokenKind.Plus => BinaryOperator.Add,
                TokenKind.Minus => BinaryOperator.Subtract,
                TokenKind.Ampersand => BinaryOperator.BitwiseAnd,
                TokenKind.Caret => BinaryOperator.BitwiseXor,
                TokenKind.Pipe => BinaryOperator.BitwiseOr,
                _ => null,
            };
            if (op is null)
            {
                return left;
            }

            Advance();
            left = new BinaryExpression { Operator = op.Value, Left = left, Right = ParseMultiplicative(), Line = left.Line };
        }
    }

    private Expression ParseMultiplicative()
    {
        var left = ParseUnary();
        while (true)
        {
            BinaryOperator? op = Current.Kind switch
            {
                TokenKind.Star => BinaryOperator.Multiply,
                TokenKind.Slash => BinaryOperator.Divide,
                TokenKind.Percent => BinaryOperator.Modulo,
                _ => null,
            };
            if (op is null)
            {
                return left;
            }

            Advance();
            left = new BinaryExpression { Operator = op.Value, Left = left, Right = ParseUnary(), Line = left.Line };
        }
    }

    private Expression ParseUnary() => Nested(ParseUnaryCore);

    private Expression ParseUnaryCore()
    {
        UnaryOperator? op = Current.Kind switch
        {
            TokenKind.Minus => UnaryOperator.Negate,
            TokenKind.Plus => UnaryOperator.Plus,
            TokenKind.Tilde => UnaryOperator.BitwiseNot,
            _ => null,
        };
        if (op is not null)
        {
            var line = Advance().Line;
            return new UnaryExpression { Operator = op.Value, Operand = ParseUnary(), Line = line };
        }

        var primary = ParsePrimary();
        while (IsWord("COLLATE"))
        {
            Advance();
            primary = new CollateExpression { Operand = primary, Collation = ExpectIdentifier(), Line = primary.Line };
        }

        return primary;
    }

    private List<Expression> ParseExpressionList()
    {
        var list = new List<Expression>();
        do
        {
            list.Add(ParseExpression());
        }
        while (Accept(TokenKind.Comma));
        return list;
    }

    /// <summary>( query ) as used by EXISTS, IN and quantified comparisons.</summary>
    private QueryExpression ParseParenthesizedQuery()
    {
        Expect(TokenKind.LeftParen);
        var query = ParseQueryExpression();
        Expect(TokenKind.RightParen);
        return query;
    }

    /// <summary>Whether the tokens after an opening parenthesis start a query (SELECT, possibly behind more parentheses).</summary>
    private bool IsQueryStart()
    {
        var ahead = 0;
        while (PeekToken(ahead).Kind == TokenKind.LeftParen)
        {
            ahead++;
        }

        return PeekToken(ahead).IsWord("SELECT");
    }
}
