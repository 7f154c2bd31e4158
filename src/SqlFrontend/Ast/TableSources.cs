namespace PredictEngine.SqlFrontend.Ast;

public abstract class TableSource : SqlNode
{
    public string? Alias { get; init; }
}

/// <summary>A table, view or CTE by name, with optional table hints (WITH (NOLOCK)) that are accepted and ignored.</summary>
public sealed class NamedTableSource : TableSource
{
    public required ObjectName Name { get; init; }

    public IReadOnlyList<string> Hints { get; init; } = [];
}

/// <summary>A table variable used as a table: FROM @t.</summary>
public sealed class VariableTableSource : TableSource
{
    public required string Variable { get; init; }
}

/// <summary>(subquery) AS alias [(c1, c2)].</summary>
public sealed class DerivedTableSource : TableSource
{
    public required QueryExpression Query { get; init; }

    public IReadOnlyList<string> ColumnAliases { get; init; } = [];
}

/// <summary>(VALUES (1, 'a'), (2, 'b')) AS v(id, name).</summary>
public sealed class ValuesTableSource : TableSource
{
    public required IReadOnlyList<IReadOnlyList<Expression>> Rows { get; init; }

    public IReadOnlyList<string> ColumnAliases { get; init; } = [];
}

/// <summary>A table-valued function: STRING_SPLIT(s, ','), OPENJSON(...), dbo.f(x).</summary>
public sealed class TableFunctionSource : TableSource
{
    public required ObjectName Name { get; init; }

    public IReadOnlyList<Expression> Arguments { get; init; } = [];

    public IReadOnlyList<string> ColumnAliases { get; init; } = [];
}

public enum JoinKind
{
    Inner,
    LeftOuter,
    RightOuter,
    FullOuter,
    Cross,
    CrossApply,
    OuterApply,
}

/// <summary>left JOIN right ON condition; CROSS JOIN and APPLY have no condition.</summary>
public sealed class JoinTableSource : TableSource
{
    public required JoinKind Kind { get; init; }

    public required TableSource Left { get; init; }

    public required TableSource Right { get; init; }

    public Expression? Condition { get; init; }
}

/// <summary>A table source in parentheses: FROM (a JOIN b ON ...) JOIN c ON ...</summary>
public sealed class ParenthesizedTableSource : TableSource
{
    public required TableSource Inner { get; init; }
}

/// <summary>One column of PREDICT's WITH clause (or of OPENROWSET's WITH): name, type, optional NULL / NOT NULL.</summary>
public sealed class ColumnSpec : SqlNode
{
    public required string Name { get; init; }

    public required DataTypeReference DataType { get; init; }

    /// <summary>True for NULL, false for NOT NULL, null when not written.</summary>
    public bool? Nullable { get; init; }
}

/// <summary>
/// PREDICT(MODEL = m, DATA = source AS d [, RUNTIME = ONNX]) WITH (col type, ...) AS p. <see cref="Model"/> is a
/// literal, a variable or a <see cref="SubqueryExpression"/>; <see cref="Data"/> carries the data alias.
/// The predict alias is <see cref="TableSource.Alias"/>.
/// </summary>
public sealed class PredictTableSource : TableSource
{
    public required Expression Model { get; init; }

    public required TableSource Data { get; init; }

    /// <summary>The RUNTIME as written (ONNX), or null when omitted.</summary>
    public string? Runtime { get; init; }

    public required IReadOnlyList<ColumnSpec> WithColumns { get; init; }
}

/// <summary>One option of OPENROWSET(BULK ...) or BULK INSERT: FORMAT = 'CSV', FIRSTROW = 2, SINGLE_BLOB (no value).</summary>
public sealed class BulkOption : SqlNode
{
    public required string Name { get; init; }

    public Expression? Value { get; init; }
}

/// <summary>OPENROWSET(BULK N'path', SINGLE_BLOB | FORMAT = 'CSV' ...) [WITH (...)] AS r.</summary>
public sealed class OpenRowsetSource : TableSource
{
    public required Expression Path { get; init; }

    public IReadOnlyList<BulkOption> Options { get; init; } = [];

    public IReadOnlyList<ColumnSpec> WithColumns { get; init; } = [];

    public IReadOnlyList<string> ColumnAliases { get; init; } = [];
}
