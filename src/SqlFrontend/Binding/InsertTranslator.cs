using PredictEngine.SqlFrontend.Ast;
using PredictEngine.SqlFrontend.Execution;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Binding;

/// <summary>INSERT: column lists, multi-row VALUES, INSERT ... SELECT, DEFAULT VALUES, conversion to the column types.</summary>
internal sealed partial class Binder
{
    private const string Truncated = "error('String or binary data would be truncated.')";

    private TableInfo DmlTable(DmlTarget target, int line)
    {
        var table = target.Variable is { } variable ? TableVariable(variable, line) : RequireTable(target.Table!);
        return table.IsView
            ? throw NotSupported($"Modifying the view '{table.Name}'", line)
            : table;
    }

    public TranslatedStatement Insert(InsertStatement insert)
    {
        var with = PushCtes(insert.With);
        try
        {
            var table = DmlTable(insert.Target, insert.Line);
            var columns = InsertColumns(insert, table);
            var list = string.Join(", ", columns.Select(c => SqlText.Quote(c.Name)));
            var sql = insert.Source switch
            {
                DefaultValuesInsertSource => $"INSERT INTO {table.StorageName} DEFAULT VALUES",
                ValuesInsertSource values => $"INSERT INTO {table.StorageName} ({list}) VALUES {InsertValues(values, insert, columns)}",
                QueryInsertSource query => $"INSERT INTO {table.StorageName} ({list}) {InsertQuery(query, insert, columns, with)}",
                _ => throw NotSupported("INSERT ... EXEC", insert.Line),
            };
            return new TranslatedStatement
            {
                Commands = [Command(sql)],
                Outcome = StatementOutcome.Insert,
                IdentitySequence = table.IdentitySequence,
            };
        }
        finally
        {
            PopCtes();
        }
    }

    private static List<ColumnInfo> InsertColumns(InsertStatement insert, TableInfo table)
    {
        if (insert.Columns.Count == 0)
        {
            return table.Columns.Where(c => !c.IsIdentity).ToList();
        }

        var columns = new List<ColumnInfo>();
        foreach (var name in insert.Columns)
        {
            var column = table.Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new EngineException(ErrorNumbers.InvalidColumnName, 16, 1, $"Invalid column name '{name}'.") { Line = insert.Line };
            if (columns.Contains(column))
            {
                throw new EngineException(264, 16, 1, $"The column name '{column.Name}' is specified more than once in the SET clause or column list of an INSERT. A column cannot be assigned more than one value in the same clause. Modify the clause to make sure that a column is updated only once. If this statement updates or inserts columns into a view, column aliasing can conceal the duplication in your code.") { Line = insert.Line };
            }

            if (column.IsIdentity)
            {
                throw new EngineException(544, 16, 1, $"Cannot insert explicit value for identity column in table '{table.Name}' when IDENTITY_INSERT is set to OFF.") { Line = insert.Line };
            }

            columns.Add(column);
        }

        return columns;
    }

    private string InsertValues(ValuesInsertSource values, InsertStatement insert, List<ColumnInfo> columns)
    {
        var scope = new NameScope(null);
        var rows = new List<string>();
        foreach (var row in values.Rows)
        {
            CheckCount(row.Count, columns.Count, insert.Columns.Count > 0, insert.Line);
            var cells = row.Select((value, i) => value is LiteralExpression { Kind: LiteralKind.Default }
                ? "DEFAULT"
                : Store(Value(value, scope), columns[i]).Sql);
            rows.Add("(" + string.Join(", ", cells) + ")");
        }

        return string.Join(", ", rows);
    }

    private static void CheckCount(int values, int columns, bool listed, int line)
    {
        if (values == columns)
        {
            return;
        }

        if (!listed)
        {
            throw new EngineException(ErrorNumbers.ColumnCountMismatch, 16, 1, "Column name or number of supplied values does not match table definition.") { Line = line };
        }

        throw values < columns
            ? new EngineException(109, 15, 1, "There are more columns in the INSERT statement than values specified in the VALUES clause. The number of values in the VALUES clause must match the number of columns specified in the INSERT statement.") { Line = line }
            : new EngineException(110, 15, 1, "There are fewer columns in the INSERT statement than values specified in the VALUES clause. The number of values in the VALUES clause must match the number of columns specified in the INSERT statement.") { Line = line };
    }

    private string InsertQuery(QueryInsertSource source, InsertStatement insert, List<ColumnInfo> columns, string with)
    {
        var result = Query(source.Query, null);
        if (result.Columns.Count != columns.Count)
        {
            if (insert.Columns.Count == 0)
            {
                throw new EngineException(ErrorNumbers.ColumnCountMismatch, 16, 1, "Column name or number of supplied values does not match table definition.") { Line = insert.Line };
            }

            throw result.Columns.Count < columns.Count
                ? new EngineException(120, 15, 1, "The select list for the INSERT statement contains fewer items than the insert list. The number of SELECT values must match the number of INSERT columns.") { Line = insert.Line }
                : new EngineException(121, 15, 1, "The select list for the INSERT statement contains more items than the insert list. The number of SELECT values must match the number of INSERT columns.") { Line = insert.Line };
        }

        var names = Enumerable.Range(1, columns.Count).Select(i => "v" + TypeRules.Number(i)).ToArray();
        var values = columns.Select((c, i) => Store(new Bound($"\"src\".{SqlText.Quote(names[i])}", result.Columns[i].Type), c).Sql);
        var top = insert.Top is { } t ? $" LIMIT {Convert(Value(t.Count, new NameScope(null)), SqlType.BigInt).Sql}" : string.Empty;
        return $"SELECT {string.Join(", ", values)} FROM ({with}{result.Sql}) AS \"src\"({string.Join(", ", names.Select(SqlText.Quote))}){top}";
    }

    /// <summary>A value converted to a column's type for storing: strings longer than a varchar(n) raise 8152, as in SQL Server.</summary>
    private static Bound Store(Bound value, ColumnInfo column)
    {
        var target = column.Type;
        var converted = Convert(value, target);
        if (!target.IsString || target.Length == SqlType.MaxLength || value.Type is null)
        {
            return converted;
        }

        var source = value.Type.Value;
        if (source.IsString && source.Length != SqlType.MaxLength && source.Length <= target.Length)
        {
            return converted;
        }

        var text = source.IsString ? value.Sql : $"CAST({value.Sql} AS VARCHAR)";

        // Trailing blanks may be cut without error, as SQL Server does.
        return new Bound($"(CASE WHEN length(rtrim({text})) > {TypeRules.Number(target.Length)} THEN {Truncated} ELSE left({text}, {TypeRules.Number(target.Length)}) END)", target);
    }
}
