namespace PredictEngine.SqlFrontend.Ast;

/// <summary>
/// A query: a SELECT (<see cref="QuerySpecification"/>), a set operation of two queries, or a query in
/// parentheses. ORDER BY and OFFSET/FETCH belong to the query they close, so they live on the base.
/// </summary>
public abstract class QueryExpression : SqlNode
{
    public IReadOnlyList<OrderByItem> OrderBy { get; init; } = [];

    public Expression? Offset { get; init; }

    /// <summary>FETCH { FIRST | NEXT } n ROWS ONLY; only with <see cref="Offset"/>.</summary>
    public Expression? Fetch { get; init; }
}

public sealed class OrderByItem : SqlNode
{
    public required Expression Expression { get; init; }

    public bool Descending { get; init; }
}

public sealed class TopClause : SqlNode
{
    public required Expression Count { get; init; }

    public bool Percent { get; init; }

    public bool WithTies { get; init; }
}

public sealed class QuerySpecification : QueryExpression
{
    public bool Distinct { get; init; }

    public TopClause? Top { get; init; }

    public required IReadOnlyList<SelectItem> SelectItems { get; init; }

    /// <summary>SELECT ... INTO new_table.</summary>
    public ObjectName? Into { get; init; }

    /// <summary>The comma-separated FROM list (each item may be a join tree); empty without FROM.</summary>
    public IReadOnlyList<TableSource> From { get; init; } = [];

    public Expression? Where { get; init; }

    public IReadOnlyList<Expression> GroupBy { get; init; } = [];

    public Expression? Having { get; init; }
}

public enum SetOperator
{
    Union,
    UnionAll,
    Intersect,
    Except,
}

public sealed class BinaryQueryExpression : QueryExpression
{
    public required SetOperator Operator { get; init; }

    public required QueryExpression Left { get; init; }

    public required QueryExpression Right { get; init; }
}

/// <summary>(query) used as a query operand, e.g. <c>(SELECT a FROM t) UNION (SELECT b FROM u)</c>.</summary>
public sealed class ParenthesizedQuery : QueryExpression
{
    public required QueryExpression Query { get; init; }
}

public abstract class SelectItem : SqlNode
{
}

/// <summary>expr [AS alias], also <c>alias = expr</c>.</summary>
public sealed class SelectColumn : SelectItem
{
    public required Expression Expression { get; init; }

    public string? Alias { get; init; }
}

/// <summary>* or t.*.</summary>
public sealed class SelectStar : SelectItem
{
    public IReadOnlyList<string> Qualifier { get; init; } = [];
}

/// <summary>SELECT @v = expr (or @v += expr): the statement assigns instead of returning rows.</summary>
public sealed class SelectAssignment : SelectItem
{
    public required string Variable { get; init; }

    /// <summary>Null for =, otherwise the compound operator (+= is <see cref="BinaryOperator.Add"/>).</summary>
    public BinaryOperator? CompoundOperator { get; init; }

    public required Expression Expression { get; init; }
}

public sealed class CommonTableExpression : SqlNode
{
    public required string Name { get; init; }

    public IReadOnlyList<string> Columns { get; init; } = [];

    public required QueryExpression Query { get; init; }
}
