namespace PredictEngine.SqlFrontend.Ast;

public abstract class Expression : SqlNode
{
}

public enum LiteralKind
{
    Null,
    Integer,
    /// <summary>A number with a decimal point: decimal(p,s) in T-SQL.</summary>
    Decimal,
    /// <summary>A number with an exponent: float.</summary>
    Float,
    Money,
    String,
    NationalString,
    /// <summary>0x...; <see cref="LiteralExpression.Value"/> holds the hex digits.</summary>
    Binary,
    /// <summary>DEFAULT in an INSERT VALUES list or an EXEC argument.</summary>
    Default,
}

/// <summary>A constant. <see cref="Value"/> is the unescaped text (string contents, the number's digits).</summary>
public sealed class LiteralExpression : Expression
{
    public required LiteralKind Kind { get; init; }

    public string Value { get; init; } = string.Empty;
}

/// <summary>A column, possibly qualified: <c>c</c>, <c>t.c</c>, <c>dbo.t.c</c>. Also a bare word in argument position
/// (DATEADD's <c>day</c>), which the binder interprets by position.</summary>
public sealed class ColumnReference : Expression
{
    public required IReadOnlyList<string> Parts { get; init; }

    public string Name => Parts[^1];
}

/// <summary><c>*</c> or <c>t.*</c> in a select list, or the <c>*</c> of COUNT(*).</summary>
public sealed class StarExpression : Expression
{
    public IReadOnlyList<string> Qualifier { get; init; } = [];
}

/// <summary>@name (the name keeps its @).</summary>
public sealed class VariableReference : Expression
{
    public required string Name { get; init; }
}

/// <summary>@@ROWCOUNT, @@ERROR, @@VERSION, @@SPID, @@TRANCOUNT, @@IDENTITY... (the name keeps its @@).</summary>
public sealed class SystemVariableReference : Expression
{
    public required string Name { get; init; }
}

public enum UnaryOperator
{
    Negate,
    Plus,
    BitwiseNot,
    Not,
}

public sealed class UnaryExpression : Expression
{
    public required UnaryOperator Operator { get; init; }

    public required Expression Operand { get; init; }
}

public enum BinaryOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulo,
    BitwiseAnd,
    BitwiseOr,
    BitwiseXor,
    Equal,
    NotEqual,
    Less,
    Greater,
    LessOrEqual,
    GreaterOrEqual,
    /// <summary>!&lt; (not less than).</summary>
    NotLess,
    /// <summary>!&gt; (not greater than).</summary>
    NotGreater,
    And,
    Or,
}

public sealed class BinaryExpression : Expression
{
    public required BinaryOperator Operator { get; init; }

    public required Expression Left { get; init; }

    public required Expression Right { get; init; }
}

public sealed class IsNullExpression : Expression
{
    public required Expression Operand { get; init; }

    public bool Negated { get; init; }
}

/// <summary><c>x [NOT] IN (a, b, ...)</c> or <c>x [NOT] IN (subquery)</c>: exactly one of <see cref="Values"/> / <see cref="Subquery"/>.</summary>
public sealed class InExpression : Expression
{
    public required Expression Operand { get; init; }

    public IReadOnlyList<Expression>? Values { get; init; }

    public QueryExpression? Subquery { get; init; }

    public bool Negated { get; init; }
}

public sealed class BetweenExpression : Expression
{
    public required Expression Operand { get; init; }

    public required Expression Low { get; init; }

    public required Expression High { get; init; }

    public bool Negated { get; init; }
}

public sealed class LikeExpression : Expression
{
    public required Expression Operand { get; init; }

    public required Expression Pattern { get; init; }

    public Expression? Escape { get; init; }

    public bool Negated { get; init; }
}

public sealed class ExistsExpression : Expression
{
    public required QueryExpression Subquery { get; init; }
}

/// <summary>A scalar subquery in an expression: <c>(SELECT MAX(x) FROM t)</c>.</summary>
public sealed class SubqueryExpression : Expression
{
    public required QueryExpression Query { get; init; }
}

public enum Quantifier
{
    All,
    Any,
    Some,
}

/// <summary><c>x &gt; ALL (subquery)</c>, <c>x = ANY (subquery)</c>.</summary>
public sealed class QuantifiedComparison : Expression
{
    public required Expression Left { get; init; }

    public required BinaryOperator Operator { get; init; }

    public required Quantifier Quantifier { get; init; }

    public required QueryExpression Subquery { get; init; }
}

public sealed class WhenClause : SqlNode
{
    public required Expression When { get; init; }

    public required Expression Then { get; init; }
}

/// <summary>CASE [operand] WHEN ... THEN ... [ELSE ...] END: a simple CASE when <see cref="Operand"/> is set.</summary>
public sealed class CaseExpression : Expression
{
    public Expression? Operand { get; init; }

    public required IReadOnlyList<WhenClause> WhenClauses { get; init; }

    public Expression? Else { get; init; }
}

public enum CastKind
{
    Cast,
    TryCast,
    Convert,
    TryConvert,
}

/// <summary>CAST(x AS t), TRY_CAST, CONVERT(t, x [, style]), TRY_CONVERT.</summary>
public sealed class CastExpression : Expression
{
    public required CastKind Kind { get; init; }

    public required Expression Operand { get; init; }

    public required DataTypeReference DataType { get; init; }

    public Expression? Style { get; init; }
}

/// <summary>
/// A function call: built-in (<c>LEN(x)</c>, <c>COUNT(*)</c>, <c>ROW_NUMBER() OVER (...)</c>) or
/// schema-qualified (<c>dbo.f(x)</c>). COUNT(*) has one <see cref="StarExpression"/> argument.
/// A leading datepart word (DATEADD(day, ...)) arrives as a one-part <see cref="ColumnReference"/>.
/// </summary>
public sealed class FunctionCall : Expression
{
    public required ObjectName Name { get; init; }

    public IReadOnlyList<Expression> Arguments { get; init; } = [];

    public bool Distinct { get; init; }

    public WindowSpecification? Over { get; init; }

    /// <summary>WITHIN GROUP (ORDER BY ...) of STRING_AGG / PERCENTILE_CONT.</summary>
    public IReadOnlyList<OrderByItem>? WithinGroup { get; init; }
}

public sealed class WindowSpecification : SqlNode
{
    public IReadOnlyList<Expression> PartitionBy { get; init; } = [];

    public IReadOnlyList<OrderByItem> OrderBy { get; init; } = [];

    public WindowFrame? Frame { get; init; }
}

public enum WindowFrameUnit
{
    Rows,
    Range,
}

public enum WindowBoundKind
{
    UnboundedPreceding,
    Preceding,
    CurrentRow,
    Following,
    UnboundedFollowing,
}

public sealed class WindowBound : SqlNode
{
    public required WindowBoundKind Kind { get; init; }

    /// <summary>The n of <c>n PRECEDING</c> / <c>n FOLLOWING</c>.</summary>
    public Expression? Offset { get; init; }
}

/// <summary>ROWS|RANGE start, or ROWS|RANGE BETWEEN start AND end (<see cref="End"/> set).</summary>
public sealed class WindowFrame : SqlNode
{
    public required WindowFrameUnit Unit { get; init; }

    public required WindowBound Start { get; init; }

    public WindowBound? End { get; init; }
}

/// <summary>x COLLATE Latin1_General_CS_AS.</summary>
public sealed class CollateExpression : Expression
{
    public required Expression Operand { get; init; }

    public required string Collation { get; init; }
}

/// <summary>An expression written in parentheses; kept so the canonical form can show what the user grouped.</summary>
public sealed class ParenthesizedExpression : Expression
{
    public required Expression Inner { get; init; }
}
