using System.Globalization;
using PredictEngine.SqlFrontend.Ast;
using PredictEngine.SqlFrontend.Types;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Binding;

/// <summary>Expressions: every node becomes DuckDB SQL plus the T-SQL type SQL Server would give it.</summary>
internal sealed partial class Binder
{
    public Bound Expr(Expression expression, NameScope scope) => expression switch
    {
        LiteralExpression literal => Literal(literal),
        ColumnReference column => Column(column, scope),
        VariableReference variable => Variable(variable.Name, variable.Line),
        SystemVariableReference system => Variable(system.Name.ToUpperInvariant(), system.Line),
        ParenthesizedExpression parenthesized => Parenthesize(Expr(parenthesized.Inner, scope)),
        UnaryExpression unary => Unary(unary, scope),
        BinaryExpression binary => Binary(binary, scope),
        IsNullExpression isNull => IsNull(isNull, scope),
        InExpression inExpression => In(inExpression, scope),
        BetweenExpression between => Between(between, scope),
        LikeExpression like => Like(like, scope),
        ExistsExpression exists => new Bound($"(EXISTS ({Query(exists.Subquery, scope).Sql}))", null, IsPredicate: true),
        SubqueryExpression subquery => ScalarSubquery(subquery, scope),
        QuantifiedComparison quantified => Quantified(quantified, scope),
        CaseExpression caseExpression => Case(caseExpression, scope),
        CastExpression cast => Cast(cast, scope),
        FunctionCall call => Function(call, scope),
        CollateExpression collate => Collate(collate, scope),
        StarExpression star => throw new EngineException(102, 15, 1, "Incorrect syntax near '*'.") { Line = star.Line },
        _ => throw NotSupported(expression.GetType().Name.Replace("Expression", string.Empty, StringComparison.Ordinal) + " expression", expression.Line),
    };

    /// <summary>An expression that must be a condition (WHERE, ON, HAVING, WHEN, IF).</summary>
    public Bound Condition(Expression expression, NameScope scope)
    {
        var bound = Expr(expression, scope);
        return bound.IsPredicate
            ? bound
            : throw new EngineException(4145, 15, 1, "An expression of non-boolean type specified in a context where a condition is expected.") { Line = expression.Line };
    }

    /// <summary>An expression used as a value; a predicate there is a syntax error in T-SQL.</summary>
    public Bound Value(Expression expression, NameScope scope)
    {
        var bound = Expr(expression, scope);
        return bound.IsPredicate
            ? throw new EngineException(102, 15, 1, "Incorrect syntax near a condition used as a value.") { Line = expression.Line }
            : bound;
    }

    private static Bound Parenthesize(Bound inner) => inner with { Sql = "(" + inner.Sql + ")" };

    private static Bound Literal(LiteralExpression literal)
    {
        var text = literal.Value;
        switch (literal.Kind)
        {
            case LiteralKind.Null:
                return new Bound("NULL", null);
            case LiteralKind.Integer:
                if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number <= int.MaxValue && number >= int.MinValue)
                {
                    return new Bound(number < 0 ? $"({TypeRules.Number(number)})" : TypeRules.Number(number), SqlType.Int, Nullable: false);
                }

                var digits = Math.Min(Math.Max(text.TrimStart('-', '+').TrimStart('0').Length, 1), 38);
                var big = SqlType.Decimal(digits, 0);
                return new Bound($"CAST({text} AS {TypeRules.Duck(big)})", big, Nullable: false);
            case LiteralKind.Decimal:
            case LiteralKind.Money:
                var point = text.IndexOf('.', StringComparison.Ordinal);
                var scale = point < 0 ? 0 : text.Length - point - 1;
                var integral = (point < 0 ? text : text[..point]).TrimStart('0').Length;
                var type = literal.Kind == LiteralKind.Money
                    ? SqlType.Decimal(19, 4)
                    : SqlType.Decimal(Math.Min(Math.Max(integral + scale, 1), 38), Math.Min(scale, 38));
                return new Bound($"CAST({(point == 0 ? "0" + text : text)} AS {TypeRules.Duck(type)})", type, Nullable: false);
            case LiteralKind.Float:
                return new Bound($"CAST({text} AS DOUBLE)", SqlType.Float, Nullable: false);
            case LiteralKind.String:
                return new Bound(SqlText.Literal(text), SqlType.VarChar(Math.Max(text.Length, 1)), Nullable: false);
            case LiteralKind.NationalString:
                return new Bound(SqlText.Literal(text), SqlType.NVarChar(Math.Max(text.Length, 1)), Nullable: false);
            case LiteralKind.Binary:
                return new Bound($"unhex({SqlText.Literal(text)})", SqlType.VarBinary(Math.Max(text.Length / 2, 1)), Nullable: false);
            default:
                throw new EngineException(156, 15, 1, "Incorrect syntax near the keyword 'DEFAULT'.") { Line = literal.Line };
        }
    }

    private static Bound Column(ColumnReference column, NameScope scope)
    {
        var (source, found) = scope.Resolve(column.Parts, column.Line);
        return new Bound(source.ColumnSql(found), found.Type, Nullable: found.Nullable);
    }

    private Bound Unary(UnaryExpression unary, NameScope scope)
    {
        if (unary.Operator == UnaryOperator.Not)
        {
            return new Bound($"(NOT {Condition(unary.Operand, scope).Sql})", null, IsPredicate: true);
        }

        var operand = Value(unary.Operand, scope);
        if (unary.Operand is LiteralExpression { Kind: LiteralKind.Integer } literal && unary.Operator == UnaryOperator.Negate
            && long.TryParse(literal.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var magnitude) && magnitude == 2147483648L)
        {
            return new Bound("(-2147483648)", SqlType.Int, Nullable: false);
        }

        var type = operand.Type is { Id: SqlTypeId.Bit or SqlTypeId.TinyInt } || operand.Type is null ? SqlType.Int : operand.Type.Value;
        var value = Convert(operand, type);
        return unary.Operator switch
        {
            UnaryOperator.Negate => new Bound($"(-{value.Sql})", type, Nullable: operand.Nullable),
            UnaryOperator.BitwiseNot => new Bound($"(~{value.Sql})", type, Nullable: operand.Nullable),
            _ => value,
        };
    }

    private Bound ScalarSubquery(SubqueryExpression subquery, NameScope scope)
    {
        var result = Query(subquery.Query, scope);
        SingleColumn(result, subquery.Line);
        return new Bound($"({result.Sql})", result.Columns[0].Type);
    }

    private static void SingleColumn(QueryResult result, int line)
    {
        if (result.Columns.Count != 1)
        {
            throw new EngineException(116, 16, 1, "Only one expression can be specified in the select list when the subquery is not introduced with EXISTS.") { Line = line };
        }
    }

    private Bound Collate(CollateExpression collate, NameScope scope)
    {
        var operand = Value(collate.Operand, scope);

        // Only case sensitivity is modelled: a _CS_ collation compares bytes, anything else ignores case.
        var sensitive = collate.Collation.Contains("_CS", StringComparison.OrdinalIgnoreCase)
            || collate.Collation.EndsWith("_BIN", StringComparison.OrdinalIgnoreCase)
            || collate.Collation.EndsWith("_BIN2", StringComparison.OrdinalIgnoreCase);
        return operand with { Sql = $"({operand.Sql} COLLATE {(sensitive ? "binary" : "nocase")})" };
    }

    private static SqlType ParseType(DataTypeReference type)
    {
        try
        {
            return SqlTypeName.Parse(type.ToString());
        }
        catch (EngineException error)
        {
            error.Line = type.Line;
            throw;
        }
    }
}
