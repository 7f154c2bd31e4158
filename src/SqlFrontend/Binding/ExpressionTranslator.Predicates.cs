using System.Text;
using PredictEngine.SqlFrontend.Ast;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Binding;

/// <summary>Predicates and CASE: IS NULL, IN, BETWEEN, LIKE with T-SQL's bracket classes, EXISTS, ANY/ALL.</summary>
internal sealed partial class Binder
{
    private Bound IsNull(IsNullExpression isNull, NameScope scope) =>
        new($"({Value(isNull.Operand, scope).Sql} IS {(isNull.Negated ? "NOT " : string.Empty)}NULL)", null, IsPredicate: true);

    private Bound In(InExpression expression, NameScope scope)
    {
        var operand = Value(expression.Operand, scope);
        var not = expression.Negated ? "NOT " : string.Empty;
        if (expression.Subquery is { } subquery)
        {
            var result = Query(subquery, scope);
            SingleColumn(result, expression.Line);
            var (l, _, strings) = Align(operand, new Bound("NULL", result.Columns[0].Type));
            var lhs = strings ? $"({l.Sql} COLLATE nocase)" : l.Sql;
            return new Bound($"({lhs} {not}IN ({result.Sql}))", null, IsPredicate: true);
        }

        var values = expression.Values!.Select(v => Value(v, scope)).ToList();
        var common = values.Aggregate(operand.Type, (type, v) => TypeRules.Common(type, v.Type));
        var probe = new Bound("NULL", common);
        var (left, _, collate) = Align(operand, probe);
        var list = values.Select(v => collate ? PadInsensitive(Align(v, probe).Left.Sql) : Align(v, probe).Left.Sql);
        var head = collate ? PadInsensitive(left.Sql) : left.Sql;
        return new Bound($"({head} {not}IN ({string.Join(", ", list)}))", null, IsPredicate: true);
    }

    private Bound Between(BetweenExpression between, NameScope scope)
    {
        var operand = Value(between.Operand, scope);
        var low = Compare(BinaryOperator.GreaterOrEqual, operand, Value(between.Low, scope));
        var high = Compare(BinaryOperator.LessOrEqual, operand, Value(between.High, scope));
        var both = $"({low.Sql} AND {high.Sql})";
        return new Bound(between.Negated ? $"(NOT {both})" : both, null, IsPredicate: true);
    }

    private Bound Like(LikeExpression like, NameScope scope)
    {
        var operand = Convert(Value(like.Operand, scope), SqlType.NVarChar(SqlType.MaxLength));
        var not = like.Negated ? "NOT " : string.Empty;
        char? escape = like.Escape is LiteralExpression { Kind: LiteralKind.String or LiteralKind.NationalString, Value.Length: 1 } e ? e.Value[0] : null;
        if (like.Pattern is LiteralExpression { Kind: LiteralKind.String or LiteralKind.NationalString } literal && literal.Value.Contains('[', StringComparison.Ordinal)
            && (like.Escape is null || escape is not null))
        {
            // DuckDB's LIKE has no [abc] / [^a] classes; such a pattern becomes an anchored, case-insensitive regex.
            var regex = LikeToRegex(literal.Value, escape);
            return new Bound($"({not}regexp_full_match({operand.Sql}, {SqlText.Literal(regex)}, 'is'))", null, IsPredicate: true);
        }

        var pattern = Convert(Value(like.Pattern, scope), SqlType.NVarChar(SqlType.MaxLength));
        var escapeSql = like.Escape is null ? string.Empty : $" ESCAPE {Value(like.Escape, scope).Sql}";
        return new Bound($"({operand.Sql} {not}ILIKE {pattern.Sql}{escapeSql})", null, IsPredicate: true);
    }

    /// <summary>A T-SQL LIKE pattern as a RE2 regex matching the whole string: % .*, _ ., [..] a class, the escape char quotes.</summary>
    internal static string LikeToRegex(string pattern, char? escape)
    {
        var regex = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (escape == c && i + 1 < pattern.Length)
            {
                regex.Append(EscapeRegex(pattern[++i]));
            }
            else if (c == '%')
            {
                regex.Append(".*");
            }
            else if (c == '_')
            {
                regex.Append('.');
            }
            else if (c == '[' && pattern.IndexOf(']', i + 1) is var close && close > i)
            {
                var body = pattern[(i + 1)..close];
                var negate = body.StartsWith('^');
                if (negate)
                {
                    body = body[1..];
                }

                regex.Append('[').Append(negate ? "^" : string.Empty);
                foreach (var member in body)
                {
                    regex.Append(member is '\\' or ']' or '[' or '^' ? "\\" + member : member.ToString());
                }

                regex.Append(']');
                i = close;
            }
            else
            {
                regex.Append(EscapeRegex(c));
            }
        }

        return regex.ToString();
    }

    private static string EscapeRegex(char c) => "\\.+*?()|[]{}^$".Contains(c, StringComparison.Ordinal) ? "\\" + c : c.ToString();

    private Bound Quantified(QuantifiedComparison quantified, NameScope scope)
    {
        var left = Value(quantified.Left, scope);
        var result = Query(quantified.Subquery, scope);
        SingleColumn(result, quantified.Line);
        var (l, _, strings) = Align(left, new Bound("NULL", result.Columns[0].Type));
        var lhs = strings ? $"({l.Sql} COLLATE nocase)" : l.Sql;
        var word = quantified.Quantifier == Quantifier.All ? "ALL" : "ANY";
        return new Bound($"({lhs} {ComparisonSymbol(quantified.Operator)} {word} ({result.Sql}))", null, IsPredicate: true);
    }

    private Bound Case(CaseExpression expression, NameScope scope)
    {
        var operand = expression.Operand is null ? (Bound?)null : Value(expression.Operand, scope);
        var whens = new List<(string When, Bound Then)>();
        foreach (var clause in expression.WhenClauses)
        {
            var when = operand is { } o ? Compare(BinaryOperator.Equal, o, Value(clause.When, scope)) : Condition(clause.When, scope);
            whens.Add((when.Sql, Value(clause.Then, scope)));
        }

        var otherwise = expression.Else is null ? (Bound?)null : Value(expression.Else, scope);
        var type = whens.Aggregate(otherwise?.Type, (t, w) => TypeRules.Common(t, w.Then.Type));
        return CaseOf(whens, otherwise, type);
    }

    private static Bound CaseOf(IReadOnlyList<(string When, Bound Then)> whens, Bound? otherwise, SqlType? type)
    {
        string Of(Bound b) => type is { } t ? Convert(b, t).Sql : b.Sql;
        var sb = new StringBuilder("(CASE");
        foreach (var (when, then) in whens)
        {
            sb.Append(" WHEN ").Append(when).Append(" THEN ").Append(Of(then));
        }

        if (otherwise is { } e)
        {
            sb.Append(" ELSE ").Append(Of(e));
        }

        return new Bound(sb.Append(" END)").ToString(), type);
    }
}
