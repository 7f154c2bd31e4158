namespace PredictEngine.SqlFrontend.Ast;

/// <summary>DDL statements, column definitions and table constraints.</summary>
public static partial class SqlFormatter
{
    private static string DdlStatement(Statement statement) => statement switch
    {
        CreateTableStatement create => $"CREATE TABLE {Name(create.Name)} ("
            + string.Join(", ", create.Columns.Select(ColumnDefinition).Concat(create.Constraints.Select(TableConstraint))) + ")",
        CreateViewStatement view => $"CREATE {(view.OrAlter ? "OR ALTER " : string.Empty)}VIEW {Name(view.Name)}"
            + (view.Columns.Count > 0 ? " " + IdentifierList(view.Columns) : string.Empty) + " AS " + Statement(view.Query),
        CreateSchemaStatement schema => "CREATE SCHEMA " + Identifier(schema.Name),
        CreateIndexStatement index => CreateIndex(index),
        DropStatement drop => Drop(drop),
        AlterTableStatement alter => $"ALTER TABLE {Name(alter.Table)} " + alter.Action switch
        {
            AddColumnsAction add => "ADD " + string.Join(", ", add.Columns.Select(ColumnDefinition)),
            DropColumnsAction dropColumns => "DROP COLUMN " + (dropColumns.IfExists ? "IF EXISTS " : string.Empty)
                + string.Join(", ", dropColumns.Columns.Select(Identifier)),
            _ => throw new ArgumentException($"Cannot format a {alter.Action.GetType().Name}.", nameof(statement)),
        },
        TruncateTableStatement truncate => "TRUNCATE TABLE " + Name(truncate.Table),
        _ => throw new ArgumentException($"Cannot format a {statement.GetType().Name}.", nameof(statement)),
    };

    private static string CreateIndex(CreateIndexStatement index)
    {
        var text = "CREATE " + (index.Unique ? "UNIQUE " : string.Empty) + index.Clustered switch
        {
            true => "CLUSTERED ",
            false => "NONCLUSTERED ",
            null => string.Empty,
        };
        text += $"INDEX {Identifier(index.Name)} ON {Name(index.Table)} ({string.Join(", ", index.Columns.Select(OrderByItem))})";
        if (index.Include.Count > 0)
        {
            text += " INCLUDE " + IdentifierList(index.Include);
        }

        return text + Where(index.Where);
    }

    private static string Drop(DropStatement drop)
    {
        var kind = drop.Kind.ToString().ToUpperInvariant();
        var text = $"DROP {kind} {(drop.IfExists ? "IF EXISTS " : string.Empty)}{string.Join(", ", drop.Names.Select(Name))}";
        return drop.OnTable is { } table ? text + " ON " + Name(table) : text;
    }

    /// <summary>name type [COLLATE c] [NULL | NOT NULL] [IDENTITY(s, i)] [DEFAULT e] [PRIMARY KEY] [UNIQUE] [CHECK (e)].</summary>
    private static string ColumnDefinition(ColumnDefinition column)
    {
        var text = Identifier(column.Name) + " " + DataType(column.DataType);
        if (column.Collation is { } collation)
        {
            text += " COLLATE " + collation;
        }

        text += column.Nullable switch
        {
            true => " NULL",
            false => " NOT NULL",
            null => string.Empty,
        };
        if (column.Identity is { } identity)
        {
            text += $" IDENTITY({Number(identity.Seed)}, {Number(identity.Increment)})";
        }

        if (column.Default is { } value)
        {
            text += " DEFAULT " + Expression(value);
        }

        if (column.PrimaryKey)
        {
            text += " PRIMARY KEY";
        }

        if (column.Unique)
        {
            text += " UNIQUE";
        }

        return column.Check is { } check ? text + $" CHECK ({Expression(check)})" : text;
    }

    private static string TableConstraint(TableConstraint constraint)
    {
        var text = constraint.Name is { } name ? "CONSTRAINT " + Identifier(name) + " " : string.Empty;
        return text + constraint.Kind switch
        {
            TableConstraintKind.PrimaryKey => "PRIMARY KEY " + IdentifierList(constraint.Columns),
            TableConstraintKind.Unique => "UNIQUE " + IdentifierList(constraint.Columns),
            TableConstraintKind.Check => $"CHECK ({Expression(constraint.Check!)})",
            _ => $"FOREIGN KEY {IdentifierList(constraint.Columns)} REFERENCES {Name(constraint.ReferencedTable!)}"
                + (constraint.ReferencedColumns.Count > 0 ? " " + IdentifierList(constraint.ReferencedColumns) : string.Empty),
        };
    }
}
