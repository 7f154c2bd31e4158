using System.Collections.Frozen;
using PredictEngine.SqlFrontend.Ast;

namespace PredictEngine.SqlFrontend.Parsing;

/// <summary>Primary expressions: literals, variables, names, function calls with OVER / WITHIN GROUP, CASE, CAST/CONVERT, subqueries.</summary>
public sealed partial class Parser
{
    /// <summary>Reserved words that are still function names when a parenthesis follows.</summary>
    internal static readonly FrozenSet<string> ReservedFunctions =
        new[] { "LEFT", "RIGHT", "COALESCE", "NULLIF" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Reserved words that are functions called without parentheses.</summary>
    internal static readonly FrozenSet<string> NiladicFunctions =
        new[] { "CURRENT_TIMESTAMP", "CURRENT_USER", "SESSION_USER", "SYSTEM_USER", "USER", "CURRENT_DATE" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private Expression ParsePrimary()
    {
        var token = Current;
        var line = token.Line;
        switch (token.Kind)
        {
            case TokenKind.Integer:
                return Literal(LiteralKind.Integer);
            case TokenKind.Decimal:
                return Literal(LiteralKind.Decimal);
            case TokenKind.Float:
                return Literal(LiteralKind.Float);
            case TokenKind.Money:
                return Literal(LiteralKind.Money);
            case TokenKind.String:
                return Literal(LiteralKind.String);
            case TokenKind.NationalString:
                return Literal(LiteralKind.NationalString);
            case TokenKind.Binary:
                return Literal(LiteralKind.Binary);
            case TokenKind.Variable:
                Advance();
                return new VariableReference { Name = token.Value, Line = line };
            case TokenKind.SystemVariable:
                Advance();
                return new SystemVariableReference { Name = token.Value, Line = line };
            case TokenKind.LeftParen:
                return ParseParenthesized();
            case TokenKind.Star:
                Advance();
                return new StarExpression { Line = line };
            case TokenKind.QuotedIdentifier:
                return ParseNameExpression();
            case TokenKind.Word:
                return ParseWordExpression(token);
            default:
                throw Error();
        }
    }

    private LiteralExpression Literal(LiteralKind kind)
    {
        var token = Advance();
        return new LiteralExpression { Kind = kind, Value = token.Value, Line = token.Line };
    }

    private Expression ParseParenthesized()
    {
        var line = Advance().Line;
        if (IsQueryStart())
        {
            var query = ParseQueryExpression();
            Expect(TokenKind.RightParen);
            return new SubqueryExpression { Query = query, Line = line };
        }

        var inner = ParseExpression();
        Expect(TokenKind.RightParen);
        return new ParenthesizedExpression { Inner = inner, Line = line };
    }

    private Expression ParseWordExpression(Token token)
    {
        var line = token.Line;
        var word = token.Value.ToUpperInvariant();
        switch (word)
        {
            case "NULL":
                Advance();
                return new LiteralExpression { Kind = LiteralKind.Null, Line = line };
            case "CASE":
                return ParseCase();
            case "CAST" or "TRY_CAST" when PeekToken().Kind == TokenKind.LeftParen:
                return ParseCast(word == "CAST" ? CastKind.Cast : CastKind.TryCast);
            case "CONVERT" or "TRY_CONVERT" when PeekToken().Kind == TokenKind.LeftParen:
                return ParseConvert(word == "CONVERT" ? CastKind.Convert : CastKind.TryConvert);
        }

        if (NiladicFunctions.Contains(word) && PeekToken().Kind != TokenKind.LeftParen)
        {
            Advance();
            return new FunctionCall { Name = new ObjectName { Parts = [word], Line = line }, Line = line };
        }

        if (ReservedFunctions.Contains(word) && PeekToken().Kind == TokenKind.LeftParen)
        {
            Advance();
            return ParseFunctionCall(new ObjectName { Parts = [token.Value], Line = line });
        }

        return ParseNameExpression();
    }

    /// <summary>c, t.c, t.*, f(x), dbo.f(x).</summary>
    private Expression ParseNameExpression()
    {
        var line = Current.Line;
        var parts = new List<string> { ExpectIdentifier() };
        while (Current.Kind == TokenKind.Dot)
        {
            Advance();
            if (Current.Kind == TokenKind.Star)
            {
                Advance();
                return new StarExpression { Qualifier = parts, Line = line };
            }

            parts.Add(ExpectIdentifier());
        }

        if (Current.Kind == TokenKind.LeftParen)
        {
            return ParseFunctionCall(new ObjectName { Parts = parts, Line = line });
        }

        return new ColumnReference { Parts = parts, Line = line };
    }

    private FunctionCall ParseFunctionCall(ObjectName name)
    {
        Expect(TokenKind.LeftParen);
        var distinct = false;
        var arguments = new List<Expression>();
        if (Current.Kind == TokenKind.Star && PeekToken().Kind == TokenKind.RightParen)
        {
            arguments.Add(new StarExpression { Line = Advance().Line });
        }
        else if (Current.Kind != TokenKind.RightParen)
        {
            distinct = AcceptWord("DISTINCT");
            if (!distinct)
            {
                AcceptWord("ALL");
            }

            arguments = ParseExpressionList();
        }

        Expect(TokenKind.RightParen);
        IReadOnlyList<OrderByItem>? withinGroup = null;
        if (IsWord("WITHIN") && IsWordAt(1, "GROUP"))
        {
            _pos += 2;
            Expect(TokenKind.LeftParen);
            ExpectWord("ORDER");
            ExpectWord("BY");
            withinGroup = ParseOrderByItems();
            Expect(TokenKind.RightParen);
        }

        var over = IsWord("OVER") ? ParseOver() : null;
        return new FunctionCall { Name = name, Arguments = arguments, Distinct = distinct, WithinGroup = withinGroup, Over = over, Line = name.Line };
    }

    private WindowSpecification ParseOver()
    {
        var line = Advance().Line;
        Expect(TokenKind.LeftParen);
        IReadOnlyList<Expression> partition = [];
        IReadOnlyList<OrderByItem> order = [];
        WindowFrame? frame = null;
        if (AcceptWord("PARTITION"))
        {
            ExpectWord("BY");
            partition = ParseExpressionList();
        }

        if (AcceptWord("ORDER"))
        {
            ExpectWord("BY");
            order = ParseOrderByItems();
        }

        if (IsWord("ROWS") || IsWord("RANGE"))
        {
            var frameLine = Current.Line;
            var unit = Advance().IsWord("ROWS") ? WindowFrameUnit.Rows : WindowFrameUnit.Range;
            if (AcceptWord("BETWEEN"))
            {
                var start = ParseWindowBound();
                ExpectWord("AND");
                frame = new WindowFrame { Unit = unit, Start = start, End = ParseWindowBound(), Line = frameLine };
            }
            else
            {
                frame = new WindowFrame { Unit = unit, Start = ParseWindowBound(), Line = frameLine };
            }
        }

        Expect(TokenKind.RightParen);
        return new WindowSpecification { PartitionBy = partition, OrderBy = order, Frame = frame, Line = line };
    }

    private WindowBound ParseWindowBound()
    {
        var line = Current.Line;
        if (AcceptWord("UNBOUNDED"))
        {
            if (AcceptWord("PRECEDING"))
            {
                return new WindowBound { Kind = WindowBoundKind.UnboundedPreceding, Line = line };
            }

            ExpectWord("FOLLOWING");
            return new WindowBound { Kind = WindowBoundKind.UnboundedFollowing, Line = line };
        }

        if (AcceptWord("CURRENT"))
        {
            ExpectWord("ROW");
            return new WindowBound { Kind = WindowBoundKind.CurrentRow, Line = line };
        }

        var offset = ParseUnary();
        if (AcceptWord("PRECEDING"))
        {
            return new WindowBound { Kind = WindowBoundKind.Preceding, Offset = offset, Line = line };
        }

        ExpectWord("FOLLOWING");
        return new WindowBound { Kind = WindowBoundKind.Following, Offset = offset, Line = line };
    }

    private CaseExpression ParseCase()
    {
        var line = Advance().Line;
        var operand = IsWord("WHEN") ? null : ParseValue();
        var whens = new List<WhenClause>();
        do
        {
            var whenLine = Current.Line;
            ExpectWord("WHEN");
            var when = operand is null ? ParseCondition() : ParseValue();
            ExpectWord("THEN");
            whens.Add(new WhenClause { When = when, Then = ParseValue(), Line = whenLine });
        }
        while (IsWord("WHEN"));
        var otherwise = AcceptWord("ELSE") ? ParseValue() : null;
        ExpectWord("END");
        return new CaseExpression { Operand = operand, WhenClauses = whens, Else = otherwise, Line = line };
    }

    private CastExpression ParseCast(CastKind kind)
    {
        var line = Advance().Line;
        Expect(TokenKind.LeftParen);
        var operand = ParseValue();
        ExpectWord("AS");
        var type = ParseDataType();
        Expect(TokenKind.RightParen);
        return new CastExpression { Kind = kind, Operand = operand, DataType = type, Line = line };
    }

    private CastExpression ParseConvert(CastKind kind)
    {
        var line = Advance().Line;
        Expect(TokenKind.LeftParen);
        var type = ParseDataType();
        Expect(TokenKind.Comma);
        var operand = ParseValue();
        var style = Accept(TokenKind.Comma) ? ParseValue() : null;
        Expect(TokenKind.RightParen);
        return new CastExpression { Kind = kind, Operand = operand, DataType = type, Style = style, Line = line };
    }

    private List<OrderByItem> ParseOrderByItems()
    {
        var items = new List<OrderByItem>();
        do
        {
            var expression = ParseValue();
            var descending = AcceptWord("DESC");
            if (!descending)
            {
                AcceptWord("ASC");
            }

            items.Add(new OrderByItem { Expression = expression, Descending = descending, Line = expression.Line });
        }
        while (Accept(TokenKind.Comma));
        return items;
    }
}
