namespace PredictEngine.SqlFrontend.Ast;

/// <summary>Expressions. Parentheses come only from <see cref="ParenthesizedExpression"/>: the tree keeps what the user grouped.</summary>
public static partial class SqlFormatter
{
    private static string Expression(Expression expression) => expression switch
    {
        LiteralExpression literal => Literal(literal),
        ColumnReference column => Parts(column.Parts),
        StarExpression star => star.Qualifier.Count == 0 ? "*" : Parts(star.Qualifier) + ".*",
        VariableReference variable => variable.Name,
        SystemVariableReference variable => variable.Name.ToUpperInvariant(),
        UnaryExpression unary => Unary(unary),
        BinaryExpression binary => Binary(binary),
        IsNullExpression isNull => $"{Expression(isNull.Operand)} IS {Not(isNull.Negated)}NULL",
        InExpression @in => $"{Expression(@in.Operand)} {Not(@in.Negated)}IN ({(@in.Subquery is { } q ? Query(q) : List(@in.Values ?? []))})",
        BetweenExpression between => $"{Expression(between.Operand)} {Not(between.Negated)}BETWEEN {Expression(between.Low)} AND {Expression(between.High)}",
        LikeExpression like => $"{Expression(like.Operand)} {Not(like.Negated)}LIKE {Expression(like.Pattern)}"
            + (like.Escape is { } escape ? " ESCAPE " + Expression(escape) : string.Empty),
        ExistsExpression exists => $"EXISTS ({Query(exists.Subquery)})",
        SubqueryExpression subquery => $"({Query(subquery.Query)})",
        QuantifiedComparison quantified => $"{Expression(quantified.Left)} {Operator(quantified.Operator)} {quantified.Quantifier.ToString().ToUpperInvariant()} ({Query(quantified.Subquery)})",
        CaseExpression @case => Case(@case),
        CastExpression cast => Cast(cast),
        FunctionCall call => Function(call),
        CollateExpression collate => $"{Expression(collate.Operand)} COLLATE {collate.Collation}",
        ParenthesizedExpression parenthesized => $"({Expression(parenthesized.Inner)})",
        _ => throw new ArgumentException($"Cannot format a {expression.GetType().Name}.", nameof(expression)),
    };

    /// <summary>
    /// Generated SQL chains thousands of terms (a OR b OR ...), which parse as a left-deep tree: walking the left
    /// spine in a loop keeps the stack flat.
    /// </summary>
    private static string Binary(BinaryExpression binary)
    {
        var spine = new Stack<BinaryExpression>();
        Expression left = binary;
        while (left is BinaryExpression node)
        {
            spine.Push(node);
            left = node.Left;
        }

        var text = new System.Text.StringBuilder(Expression(left));
        while (spine.TryPop(out var node))
        {
            text.Append(' ').Append(Operator(node.Operator)).Append(' ').Append(Expression(node.Right));
        }

        return text.ToString();
    }

    private static string Not(bool negated) => negated ? "NOT " : string.Empty;

    private static string List(IEnumerable<Expression> expressions) => string.Join(", ", expressions.Select(Expression));

    private static string Unary(UnaryExpression unary)
    {
        var operand = Expression(unary.Operand);
        return unary.Operator switch
        {
            UnaryOperator.Not => "NOT " + operand,
            UnaryOperator.BitwiseNot => "~" + operand,
            // "--" would start a comment, so a nested sign gets a space.
            UnaryOperator.Negate => operand.StartsWith('-') ? "- " + operand : "-" + operand,
            _ => operand.StartsWith('+') ? "+ " + operand : "+" + operand,
        };
    }

    private static string Case(CaseExpression @case)
    {
        var text = "CASE " + (@case.Operand is { } operand ? Expression(operand) + " " : string.Empty);
        text += string.Join(" ", @case.WhenClauses.Select(w => $"WHEN {Expression(w.When)} THEN {Expression(w.Then)}"));
        return text + (@case.Else is { } otherwise ? " ELSE " + Expression(otherwise) : string.Empty) + " END";
    }

    private static string Cast(CastExpression cast) => cast.Kind switch
    {
        CastKind.Cast => $"CAST({Expression(cast.Operand)} AS {DataType(cast.DataType)})",
        CastKind.TryCast => $"TRY_CAST({Expression(cast.Operand)} AS {DataType(cast.DataType)})",
        _ => $"{(cast.Kind == CastKind.Convert ? "CONVERT" : "TRY_CONVERT")}({DataType(cast.DataType)}, {Expression(cast.Operand)}"
            + (cast.Style is { } style ? ", " + Expression(style) : string.Empty) + ")",
    };

    private static string Function(FunctionCall call)
    {
        var name = FunctionName(call.Name);
        if (call.Arguments.Count == 0 && call.Over is null && call.Name.Parts.Count == 1
            && Parsing.Parser.NiladicFunctions.Contains(call.Name.Name))
        {
            return name;
        }

        var text = $"{name}({(call.Distinct ? "DISTINCT " : string.Empty)}{List(call.Arguments)})";
        if (call.WithinGroup is { } order)
        {
            text += $" WITHIN GROUP (ORDER BY {string.Join(", ", order.Select(OrderByItem))})";
        }

        return call.Over is { } over ? text + " OVER " + Window(over) : text;
    }

    private static string Window(WindowSpecification window)
    {
        var parts = new List<string>();
        if (window.PartitionBy.Count > 0)
        {
            parts.Add("PARTITION BY " + List(window.PartitionBy));
        }

        if (window.OrderBy.Count > 0)
        {
            parts.Add("ORDER BY " + string.Join(", ", window.OrderBy.Select(OrderByItem)));
        }

        if (window.Frame is { } frame)
        {
            var unit = frame.Unit == WindowFrameUnit.Rows ? "ROWS" : "RANGE";
            parts.Add(frame.End is { } end ? $"{unit} BETWEEN {Bound(frame.Start)} AND {Bound(end)}" : $"{unit} {Bound(frame.Start)}");
        }

        return "(" + string.Join(" ", parts) + ")";
    }

    private static string Bound(WindowBound bound) => bound.Kind switch
    {
        WindowBoundKind.UnboundedPreceding => "UNBOUNDED PRECEDING",
        WindowBoundKind.UnboundedFollowing => "UNBOUNDED FOLLOWING",
        WindowBoundKind.CurrentRow => "CURRENT ROW",
        WindowBoundKind.Preceding => Expression(bound.Offset!) + " PRECEDING",
        _ => Expression(bound.Offset!) + " FOLLOWING",
    };

    private static string OrderByItem(OrderByItem item) => Expression(item.Expression) + (item.Descending ? " DESC" : string.Empty);
}
