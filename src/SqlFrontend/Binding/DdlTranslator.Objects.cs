using PredictEngine.SqlFrontend.Ast;
using PredictEngine.SqlFrontend.Execution;
using PredictEngine.Storage.Errors;

namespace PredictEngine.SqlFrontend.Binding;

/// <summary>Views, schemas, indexes, DROP, ALTER TABLE and TRUNCATE.</summary>
internal sealed partial class Binder
{
    /// <summary>A DDL statement; one that has nothing to do (DROP ... IF EXISTS of a missing object) still runs one no-op command.</summary>
    private static TranslatedStatement Ddl(List<TranslatedCommand> commands)
    {
        if (commands.Count == 0)
        {
            commands.Add(new TranslatedCommand("SELECT NULL WHERE FALSE", []));
        }

        return new() { Commands = commands, Outcome = StatementOutcome.NoCount, ChangesCatalog = true };
    }

    public TranslatedStatement CreateView(CreateViewStatement view)
    {
        var existing = FindTable(view.Name);
        if (existing is not null && !(view.OrAlter && existing.IsView))
        {
            throw new EngineException(2714, 16, 3, $"There is already an object named '{view.Name.Name}' in the database.") { Line = view.Line };
        }

        var target = Place(view.Name, view.Line);
        var with = PushCtes(view.Query.With);
        QueryResult result;
        try
        {
            result = Query(view.Query.Query, null);
        }
        finally
        {
            PopCtes();
        }

        if (TakeParameters().Count > 0)
        {
            throw new EngineException(137, 15, 2, "Variables are not allowed in a view definition.") { Line = view.Line };
        }

        var names = ColumnNames(result, view.Columns, view.Name.Name, view.Line);
        var create = view.Name.IsTemporary ? "CREATE TEMP VIEW " + SqlText.Quote(view.Name.Name) : "CREATE VIEW " + target.Storage;
        var commands = new List<TranslatedCommand>();
        if (existing is not null)
        {
            commands.Add(Command($"DROP VIEW {existing.StorageName}"));
        }

        commands.Add(Command($"{create} ({string.Join(", ", names.Select(SqlText.Quote))}) AS {with}{result.Sql}"));

        // The T-SQL text is kept as the view's comment (for sys.sql_modules); column types as column comments.
        if (view.Definition.Length > 0)
        {
            commands.Add(Command($"COMMENT ON VIEW {target.Storage} IS {SqlText.Literal(view.Definition)}"));
        }

        for (var i = 0; i < names.Count; i++)
        {
            commands.Add(Command($"COMMENT ON COLUMN {target.Storage}.{SqlText.Quote(names[i])} IS {SqlText.Literal(result.Columns[i].Type.ToString())}"));
        }

        return Ddl(commands);
    }

    public TranslatedStatement CreateSchema(CreateSchemaStatement schema)
    {
        if (Catalog.SchemaExists(schema.Name) || DuckDbCatalog.IsHiddenSchema(schema.Name))
        {
            throw new EngineException(2714, 16, 6, $"There is already an object named '{schema.Name}' in the database.") { Line = schema.Line };
        }

        return Ddl([Command($"CREATE SCHEMA {SqlText.Quote(schema.Name)}")]);
    }

    public TranslatedStatement CreateIndex(CreateIndexStatement index)
    {
        var table = RequireTable(index.Table);
        if (table.IsView)
        {
            throw new EngineException(1939, 16, 1, $"Cannot create index on view '{index.Table}' because the view is not schema bound.") { Line = index.Line };
        }

        var columns = index.Columns.Select(item => item.Expression is ColumnReference { Parts.Count: 1 } c
                && table.Columns.FirstOrDefault(tc => string.Equals(tc.Name, c.Name, StringComparison.OrdinalIgnoreCase)) is { } found
            ? SqlText.Quote(found.Name)
            : throw new EngineException(1911, 16, 1, $"Column name '{(item.Expression as ColumnReference)?.Name}' does not exist in the target table or view.") { Line = index.Line });

        // DuckDB's ART indexes have no direction and no clustering: ASC/DESC and CLUSTERED are accepted and dropped.
        var sql = $"CREATE {(index.Unique ? "UNIQUE " : string.Empty)}INDEX {SqlText.Quote(index.Name)} ON {table.StorageName} ({string.Join(", ", columns)})";
        return Ddl([Command(sql)]);
    }

    public TranslatedStatement Drop(DropStatement drop)
    {
        var commands = new List<TranslatedCommand>();
        foreach (var name in drop.Names)
        {
            switch (drop.Kind)
            {
                case DropObjectKind.Table:
                case DropObjectKind.View:
                    DropRelation(drop, name, commands);
                    break;
                case DropObjectKind.Schema:
                    if (!Catalog.SchemaExists(name.Name))
                    {
                        if (!drop.IfExists)
                        {
                            throw new EngineException(3701, 11, 1, $"Cannot drop the schema '{name}', because it does not exist or you do not have permission.") { Line = drop.Line };
                        }

                        break;
                    }

                    commands.Add(Command($"DROP SCHEMA {SqlText.Quote(DuckDbCatalog.StorageSchema(name.Name))}"));
                    break;
                case DropObjectKind.Index:
                    var table = drop.OnTable ?? (name.Parts.Count >= 2 ? new ObjectName { Parts = name.Parts.Take(name.Parts.Count - 1).ToArray(), Line = name.Line } : null);
                    var info = table is null ? null : FindTable(table);
                    if (info is null && !drop.IfExists)
                    {
                        throw new EngineException(3701, 11, 7, $"Cannot drop the index '{(table is null ? name.Name : $"{table}.{name.Name}")}', because it does not exist or you do not have permission.") { Line = drop.Line };
                    }

                    var prefix = info is null ? string.Empty : info.StorageName[..(info.StorageName.LastIndexOf(".\"", StringComparison.Ordinal) + 1)];
                    commands.Add(Command($"DROP INDEX {(drop.IfExists ? "IF EXISTS " : string.Empty)}{prefix}{SqlText.Quote(name.Name)}"));
                    break;
                default:
                    throw NotSupported($"DROP {drop.Kind.ToString().ToUpperInvariant()}", drop.Line);
            }
        }

        return Ddl(commands);
    }

    private void DropRelation(DropStatement drop, ObjectName name, List<TranslatedCommand> commands)
    {
        var kind = drop.Kind == DropObjectKind.Table ? "table" : "view";
        var info = FindTable(name);
        if (info is null || info.IsView != (drop.Kind == DropObjectKind.View))
        {
            if (drop.IfExists && info is null)
            {
                return;
            }

            throw new EngineException(3701, 11, 5, $"Cannot drop the {kind} '{name}', because it does not exist or you do not have permission.") { Line = drop.Line };
        }

        commands.Add(Command($"DROP {kind.ToUpperInvariant()} {info.StorageName}"));
        if (info.IdentitySequence is { } sequence)
        {
            commands.Add(Command($"DROP SEQUENCE IF EXISTS {sequence}"));
        }
    }

    public TranslatedStatement AlterTable(AlterTableStatement alter)
    {
        var table = RequireTable(alter.Table);
        var commands = new List<TranslatedCommand>();
        switch (alter.Action)
        {
            case AddColumnsAction add:
                foreach (var column in add.Columns)
                {
                    if (table.Columns.Any(c => string.Equals(c.Name, column.Name, StringComparison.OrdinalIgnoreCase)))
                    {
                        throw new EngineException(2705, 16, 4, $"Column names in each table must be unique. Column name '{column.Name}' in table '{table.Name}' is specified more than once.") { Line = alter.Line };
                    }

                    if (column.Identity is not null || column.PrimaryKey || column.Unique || column.Check is not null)
                    {
                        // DuckDB cannot add a column with a constraint (or a sequence default) to an existing table.
                        throw NotSupported("ALTER TABLE ADD of a column with IDENTITY, PRIMARY KEY, UNIQUE or CHECK", alter.Line);
                    }

                    var type = ParseType(column.DataType);
                    var ddl = $"ALTER TABLE {table.StorageName} ADD COLUMN {SqlText.Quote(column.Name)} {TypeRules.Duck(type)}";
                    if (column.Default is { } value)
                    {
                        ddl += $" DEFAULT {Convert(Value(value, new NameScope(null)), type).Sql}";
                    }

                    commands.Add(Command(ddl));
                    if (column.Nullable == false)
                    {
                        commands.Add(Command($"ALTER TABLE {table.StorageName} ALTER COLUMN {SqlText.Quote(column.Name)} SET NOT NULL"));
                    }

                    commands.Add(Command($"COMMENT ON COLUMN {table.StorageName}.{SqlText.Quote(column.Name)} IS {SqlText.Literal(type.ToString())}"));
                }

                break;
            case DropColumnsAction dropColumns:
                foreach (var name in dropColumns.Columns)
                {
                    if (!table.Columns.Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)))
                    {
                        if (dropColumns.IfExists)
                        {
                            continue;
                        }

                        throw new EngineException(4924, 16, 1, $"ALTER TABLE DROP COLUMN failed because column '{name}' does not exist in table '{table.Name}'.") { Line = alter.Line };
                    }

                    commands.Add(Command($"ALTER TABLE {table.StorageName} DROP COLUMN {SqlText.Quote(name)}"));
                }

                break;
            default:
                throw NotSupported("This ALTER TABLE action", alter.Line);
        }

        return WithIndexesRebuilt(table, alter, commands);
    }

    public TranslatedStatement Truncate(TruncateTableStatement truncate)
    {
        var table = RequireTable(truncate.Table);
        if (table.IsView)
        {
            throw new EngineException(4708, 16, 1, $"Could not truncate object '{truncate.Table}' because it is not a table.") { Line = truncate.Line };
        }

        return new TranslatedStatement { Commands = [Command($"DELETE FROM {table.StorageName}")], Outcome = StatementOutcome.NoCount };
    }
}
