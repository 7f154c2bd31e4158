namespace PredictEngine.SqlFrontend.Ast;

public abstract class Statement : SqlNode
{
}

/// <summary>[WITH cte, ...] query. A query with INTO (in its first <see cref="QuerySpecification"/>) is SELECT INTO.</summary>
public sealed class SelectStatement : Statement
{
    public IReadOnlyList<CommonTableExpression> With { get; init; } = [];

    public required QueryExpression Query { get; init; }
}

/// <summary>The target of INSERT/UPDATE/DELETE: a table or view by name, a table variable, or (UPDATE/DELETE) an alias from FROM.</summary>
public sealed class DmlTarget : SqlNode
{
    public ObjectName? Table { get; init; }

    public string? Variable { get; init; }
}

public abstract class InsertSource : SqlNode
{
}

public sealed class ValuesInsertSource : InsertSource
{
    public required IReadOnlyList<IReadOnlyList<Expression>> Rows { get; init; }
}

public sealed class QueryInsertSource : InsertSource
{
    public required QueryExpression Query { get; init; }
}

public sealed class DefaultValuesInsertSource : InsertSource
{
}

/// <summary>INSERT ... EXEC proc: rows come from a procedure's result set.</summary>
public sealed class ExecuteInsertSource : InsertSource
{
    public required ExecuteStatement Execute { get; init; }
}

public sealed class InsertStatement : Statement
{
    public IReadOnlyList<CommonTableExpression> With { get; init; } = [];

    public TopClause? Top { get; init; }

    public required DmlTarget Target { get; init; }

    public IReadOnlyList<string> Columns { get; init; } = [];

    public required InsertSource Source { get; init; }
}

/// <summary>One SET item of UPDATE: col = expr, col += expr, or @v = expr / @v = col = expr.</summary>
public sealed class SetClause : SqlNode
{
    /// <summary>The column, possibly qualified by the target's alias; null when only a variable is assigned.</summary>
    public IReadOnlyList<string>? Column { get; init; }

    public string? Variable { get; init; }

    public BinaryOperator? CompoundOperator { get; init; }

    public required Expression Value { get; init; }
}

public sealed class UpdateStatement : Statement
{
    public IReadOnlyList<CommonTableExpression> With { get; init; } = [];

    public TopClause? Top { get; init; }

    public required DmlTarget Target { get; init; }

    public required IReadOnlyList<SetClause> SetClauses { get; init; }

    public IReadOnlyList<TableSource> From { get; init; } = [];

    public Expression? Where { get; init; }
}

public sealed class DeleteStatement : Statement
{
    public IReadOnlyList<CommonTableExpression> With { get; init; } = [];

    public TopClause? Top { get; init; }

    public required DmlTarget Target { get; init; }

    public IReadOnlyList<TableSource> From { get; init; } = [];

    public Expression? Where { get; init; }
}

/// <summary>BULK INSERT table FROM 'file' WITH (FORMAT = 'CSV', FIRSTROW = 2, FIELDTERMINATOR = ',', ...).</summary>
public sealed class BulkInsertStatement : Statement
{
    public required ObjectName Table { get; init; }

    public required Expression Path { get; init; }

    public IReadOnlyList<BulkOption> Options { get; init; } = [];
}
