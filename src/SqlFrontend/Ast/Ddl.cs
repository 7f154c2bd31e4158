namespace PredictEngine.SqlFrontend.Ast;

public sealed class IdentitySpec : SqlNode
{
    public long Seed { get; init; } = 1;

    public long Increment { get; init; } = 1;
}

public sealed class ColumnDefinition : SqlNode
{
    public required string Name { get; init; }

    public required DataTypeReference DataType { get; init; }

    /// <summary>True for NULL, false for NOT NULL, null when not written (nullable, as SQL Server's default).</summary>
    public bool? Nullable { get; init; }

    public IdentitySpec? Identity { get; init; }

    public Expression? Default { get; init; }

    public bool PrimaryKey { get; init; }

    public bool Unique { get; init; }

    public Expression? Check { get; init; }

    public string? Collation { get; init; }
}

public enum TableConstraintKind
{
    PrimaryKey,
    Unique,
    Check,
    ForeignKey,
}

public sealed class TableConstraint : SqlNode
{
    public string? Name { get; init; }

    public required TableConstraintKind Kind { get; init; }

    public IReadOnlyList<string> Columns { get; init; } = [];

    public Expression? Check { get; init; }

    public ObjectName? ReferencedTable { get; init; }

    public IReadOnlyList<string> ReferencedColumns { get; init; } = [];
}

public sealed class CreateTableStatement : Statement
{
    public required ObjectName Name { get; init; }

    public required IReadOnlyList<ColumnDefinition> Columns { get; init; }

    public IReadOnlyList<TableConstraint> Constraints { get; init; } = [];
}

public sealed class CreateViewStatement : Statement
{
    public required ObjectName Name { get; init; }

    public IReadOnlyList<string> Columns { get; init; } = [];

    public required SelectStatement Query { get; init; }

    public bool OrAlter { get; init; }

    /// <summary>The view's text as the user wrote it, from CREATE to the end of the statement (kept for sys.sql_modules).</summary>
    public string Definition { get; init; } = string.Empty;
}

public sealed class CreateSchemaStatement : Statement
{
    public required string Name { get; init; }
}

public sealed class CreateIndexStatement : Statement
{
    public required string Name { get; init; }

    public required ObjectName Table { get; init; }

    public required IReadOnlyList<OrderByItem> Columns { get; init; }

    public bool Unique { get; init; }

    /// <summary>CLUSTERED, NONCLUSTERED or null when not written.</summary>
    public bool? Clustered { get; init; }

    /// <summary>INCLUDE (c1, c2): non-key columns carried by the index.</summary>
    public IReadOnlyList<string> Include { get; init; } = [];

    /// <summary>WHERE predicate of a filtered index.</summary>
    public Expression? Where { get; init; }
}

public enum DropObjectKind
{
    Table,
    View,
    Schema,
    Index,
    Procedure,
    Function,
}

/// <summary>DROP TABLE|VIEW|SCHEMA|INDEX [IF EXISTS] name, ...; DROP INDEX ix ON t (or t.ix) for indexes.</summary>
public sealed class DropStatement : Statement
{
    public required DropObjectKind Kind { get; init; }

    public required IReadOnlyList<ObjectName> Names { get; init; }

    public bool IfExists { get; init; }

    /// <summary>The table of DROP INDEX ix ON t.</summary>
    public ObjectName? OnTable { get; init; }
}

public abstract class AlterTableAction : SqlNode
{
}

public sealed class AddColumnsAction : AlterTableAction
{
    public required IReadOnlyList<ColumnDefinition> Columns { get; init; }
}

public sealed class DropColumnsAction : AlterTableAction
{
    public required IReadOnlyList<string> Columns { get; init; }

    public bool IfExists { get; init; }
}

public sealed class AlterTableStatement : Statement
{
    public required ObjectName Table { get; init; }

    public required AlterTableAction Action { get; init; }
}

public sealed class TruncateTableStatement : Statement
{
    public required ObjectName Table { get; init; }
}

/// <summary>
/// CREATE PROCEDURE / FUNCTION / TRIGGER and other statements we recognise but do not run yet: the
/// executor raises a clear error that names <see cref="Construct"/>, rather than the parser failing on syntax.
/// </summary>
public sealed class UnsupportedStatement : Statement
{
    public required string Construct { get; init; }
}
