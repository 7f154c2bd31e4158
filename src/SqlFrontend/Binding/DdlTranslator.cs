using System.Globalization;
using PredictEngine.SqlFrontend.Ast;
using PredictEngine.SqlFrontend.Execution;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Binding;

/// <summary>
/// CREATE TABLE and table variables. DuckDB keeps only its own types, so each column's T-SQL type goes into
/// its comment; IDENTITY becomes a sequence named <c>&lt;table&gt;__identity</c> feeding the column's default.
/// </summary>
internal sealed partial class Binder
{
    private static int _tableVariables;

    /// <summary>Where a new table lives: its quoted DuckDB name, its sequence prefix and how to create it.</summary>
    private sealed record NewTable(string Storage, string Create, string SequencePrefix, string SchemaName, string Name);

    private NewTable Place(ObjectName name, int line)
    {
        if (name.IsTemporary)
        {
            return new NewTable($"\"temp\".\"main\".{SqlText.Quote(name.Name)}", $"CREATE TEMP TABLE {SqlText.Quote(name.Name)}",
                "\"temp\".\"main\".", "dbo", name.Name);
        }

        if (name.Server is not null || (name.Database is { } database && !string.Equals(database, _context.Database, StringComparison.OrdinalIgnoreCase)))
        {
            throw new EngineException(2702, 16, 2, $"Database '{name.Database}' does not exist.") { Line = line };
        }

        var schema = name.Schema ?? "dbo";
        if (!Catalog.SchemaExists(schema))
        {
            throw new EngineException(2760, 16, 1, $"The specified schema name \"{schema}\" either does not exist or you do not have permission to use it.") { Line = line };
        }

        var duckSchema = SqlText.Quote(DuckDbCatalog.StorageSchema(schema)) + ".";
        var storage = duckSchema + SqlText.Quote(name.Name);
        return new NewTable(storage, $"CREATE TABLE {storage}", duckSchema, schema, name.Name);
    }

    private void EnsureAbsent(ObjectName name, int line)
    {
        if (FindTable(name) is not null)
        {
            throw new EngineException(2714, 16, 6, $"There is already an object named '{name.Name}' in the database.") { Line = line };
        }
    }

    public TranslatedStatement CreateTable(CreateTableStatement create)
    {
        EnsureAbsent(create.Name, create.Line);
        var target = Place(create.Name, create.Line);
        var commands = TableCommands(target, create.Columns, create.Constraints, create.Line);
        return new TranslatedStatement { Commands = commands, Outcome = StatementOutcome.NoCount, ChangesCatalog = true };
    }

    public (IReadOnlyList<TranslatedCommand> Commands, TableInfo Table) TableVariable(VariableDeclaration declaration)
    {
        var columns = declaration.TableColumns
            ?? throw new EngineException(ErrorNumbers.InternalError, 16, 1, $"{declaration.Name} is not a table variable.") { Line = declaration.Line };
        var name = declaration.Name + "#" + Interlocked.Increment(ref _tableVariables).ToString(CultureInfo.InvariantCulture);
        var target = new NewTable($"\"temp\".\"main\".{SqlText.Quote(name)}", $"CREATE TEMP TABLE {SqlText.Quote(name)}", "\"temp\".\"main\".", "dbo", name);
        var commands = TableCommands(target, columns, [], declaration.Line);
        var identity = columns.Any(c => c.Identity is not null) ? target.SequencePrefix + SqlText.Quote(name + "__identity") : null;
        var info = new TableInfo("dbo", declaration.Name, target.Storage,
            columns.Select(c => new ColumnInfo(c.Name, ParseType(c.DataType), c.Nullable ?? !(c.PrimaryKey || c.Identity is not null), c.Identity is not null)).ToList(),
            IdentitySequence: identity);
        return (commands, info);
    }

    /// <summary>A table for SELECT INTO: plain nullable columns of the query's types (identity is not carried over).</summary>
    private (string Storage, List<TranslatedCommand> Commands) CreateTableCommands(ObjectName name, IReadOnlyList<ColumnInfo> columns, int line)
    {
        EnsureAbsent(name, line);
        var target = Place(name, line);
        var definitions = columns.Select(c => new ColumnDefinition
        {
            Name = c.Name,
            DataType = new DataTypeReference { Name = c.Type.ToString() },
        }).ToList();
        return (target.Storage, TableCommands(target, definitions, [], line));
    }

    private List<TranslatedCommand> TableCommands(NewTable target, IReadOnlyList<ColumnDefinition> columns, IReadOnlyList<TableConstraint> constraints, int line)
    {
        var commands = new List<TranslatedCommand>();
        var duplicate = columns.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new EngineException(2705, 16, 3, $"Column names in each table must be unique. Column name '{duplicate.Key}' in table '{target.Name}' is specified more than once.") { Line = line };
        }

        var checkScope = new NameScope(null);
        checkScope.Add(new ScopeSource([target.Name], null,
            columns.Select(c => new ScopeColumn(c.Name, ParseType(c.DataType), c.Nullable ?? true, c.Name)).ToList()), line);
        var primaryKeys = columns.Count(c => c.PrimaryKey) + constraints.Count(c => c.Kind == TableConstraintKind.PrimaryKey);
        if (primaryKeys > 1)
        {
            throw new EngineException(8110, 16, 0, $"Cannot add multiple PRIMARY KEY constraints to table '{target.Name}'.") { Line = line };
        }

        var parts = new List<string>();
        var comments = new List<string>();
        foreach (var column in columns)
        {
            var (definition, comment) = ColumnDdl(target, column, checkScope, commands);
            parts.Add(definition);
            comments.Add($"COMMENT ON COLUMN {target.Storage}.{SqlText.Quote(column.Name)} IS {SqlText.Literal(comment)}");
        }

        foreach (var constraint in constraints)
        {
            parts.Add(ConstraintDdl(constraint, checkScope, columns));
        }

        commands.Add(Command($"{target.Create} ({string.Join(", ", parts)})"));
        commands.AddRange(comments.Select(Command));
        return commands;
    }

    private (string Definition, string Comment) ColumnDdl(NewTable target, ColumnDefinition column, NameScope checkScope, List<TranslatedCommand> commands)
    {
        var type = ParseType(column.DataType);
        var ddl = $"{SqlText.Quote(column.Name)} {TypeRules.Duck(type)}";
        var comment = type.ToString();
        if (column.Identity is { } identity)
        {
            if (!TypeRules.IsInteger(type) && type.Id != SqlTypeId.Decimal || type.Id == SqlTypeId.Bit)
            {
                throw new EngineException(2749, 16, 2, $"Identity column '{column.Name}' must be of data type int, bigint, smallint, tinyint, or decimal or numeric with a scale of 0, and constrained to be nonnullable.") { Line = column.Line };
            }

            var sequence = target.SequencePrefix + SqlText.Quote(target.Name + "__identity");
            var temp = target.SequencePrefix.StartsWith("\"temp\"", StringComparison.Ordinal);
            var sequenceName = temp ? SqlText.Quote(target.Name + "__identity") : sequence;
            commands.Add(Command(string.Create(CultureInfo.InvariantCulture,
                $"CREATE {(temp ? "TEMP " : string.Empty)}SEQUENCE {sequenceName} START WITH {identity.Seed} INCREMENT BY {identity.Increment}")));
            ddl += $" DEFAULT nextval({SqlText.Literal(sequence)}) NOT NULL";
            comment += string.Create(CultureInfo.InvariantCulture, $" IDENTITY({identity.Seed},{identity.Increment})");
        }
        else if (column.Default is { } defaultValue)
        {
            var bound = Convert(Value(defaultValue, new NameScope(null)), type);
            if (TakeParameters().Count > 0)
            {
                throw NotSupported("A variable in a DEFAULT definition", column.Line);
            }

            ddl += $" DEFAULT {bound.Sql}";
        }

        if (column.Identity is null && (column.Nullable == false || column.PrimaryKey))
        {
            ddl += " NOT NULL";
        }

        if (column.PrimaryKey)
        {
            ddl += " PRIMARY KEY";
        }

        if (column.Unique)
        {
            ddl += " UNIQUE";
        }

        if (column.Check is { } check)
        {
            ddl += $" CHECK ({Condition(check, checkScope).Sql})";
        }

        return (ddl, comment);
    }

    private string ConstraintDdl(TableConstraint constraint, NameScope checkScope, IReadOnlyList<ColumnDefinition> columns)
    {
        foreach (var name in constraint.Columns.Where(n => !columns.Any(c => string.Equals(c.Name, n, StringComparison.OrdinalIgnoreCase))))
        {
            throw new EngineException(1911, 16, 1, $"Column name '{name}' does not exist in the target table or view.") { Line = constraint.Line };
        }

        var list = string.Join(", ", constraint.Columns.Select(SqlText.Quote));
        switch (constraint.Kind)
        {
            case TableConstraintKind.PrimaryKey:
                return $"PRIMARY KEY ({list})";
            case TableConstraintKind.Unique:
                return $"UNIQUE ({list})";
            case TableConstraintKind.Check:
                return $"CHECK ({Condition(constraint.Check!, checkScope).Sql})";
            default:
                var referenced = FindTable(constraint.ReferencedTable!)
                    ?? throw new EngineException(1767, 16, 0, $"Foreign key '{constraint.Name ?? "FK"}' references invalid table '{constraint.ReferencedTable}'.") { Line = constraint.Line };
                return $"FOREIGN KEY ({list}) REFERENCES {referenced.StorageName} ({string.Join(", ", constraint.ReferencedColumns.Select(SqlText.Quote))})";
        }
    }
}
