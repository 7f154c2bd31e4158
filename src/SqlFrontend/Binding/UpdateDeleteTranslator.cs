using PredictEngine.SqlFrontend.Ast;
using PredictEngine.SqlFrontend.Execution;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Binding;

/// <summary>
/// UPDATE and DELETE. T-SQL's FROM (joins, the target named by an alias) has no direct DuckDB form, so the
/// rows to change are selected by rowid in a subquery that has the full T-SQL FROM, and the change is
/// applied by rowid. The same route gives TOP (n).
/// </summary>
internal sealed partial class Binder
{
    public TranslatedStatement Update(UpdateStatement update)
    {
        var with = PushCtes(update.With);
        try
        {
            var scope = new NameScope(null);
            var (table, target, from) = DmlSources(update.Target, update.From, scope, update.Line);
            var sets = new List<string>();
            var values = new List<string>();
            var assigned = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var clause in update.SetClauses)
            {
                if (clause.Column is null || clause.Variable is not null)
                {
                    throw NotSupported("Assigning a variable in UPDATE ... SET", clause.Line);
                }

                var parts = clause.Column;
                if (parts.Count > 1 && !target.Matches(parts.Take(parts.Count - 1).ToArray()))
                {
                    throw new EngineException(4104, 16, 1, $"The multi-part identifier \"{string.Join('.', parts)}\" could not be bound.") { Line = clause.Line };
                }

                var column = table.Columns.FirstOrDefault(c => string.Equals(c.Name, parts[^1], StringComparison.OrdinalIgnoreCase))
                    ?? throw new EngineException(ErrorNumbers.InvalidColumnName, 16, 1, $"Invalid column name '{parts[^1]}'.") { Line = clause.Line };
                if (column.IsIdentity)
                {
                    throw new EngineException(8102, 16, 1, $"Cannot update identity column '{column.Name}'.") { Line = clause.Line };
                }

                if (!assigned.Add(column.Name))
                {
                    throw new EngineException(264, 16, 1, $"The column name '{column.Name}' is specified more than once in the SET clause or column list of an INSERT. A column cannot be assigned more than one value in the same clause. Modify the clause to make sure that a column is updated only once. If this statement updates or inserts columns into a view, column aliasing can conceal the duplication in your code.") { Line = clause.Line };
                }

                var value = Value(clause.Value, scope);
                if (clause.CompoundOperator is { } op)
                {
                    var current = target.Find(column.Name)!;
                    value = Arithmetic(op, new Bound(target.ColumnSql(current), current.Type), value, clause.Line);
                }

                var name = "v" + TypeRules.Number(values.Count + 1);
                values.Add($"{Store(value, column).Sql} AS {SqlText.Quote(name)}");
                sets.Add($"{SqlText.Quote(column.Name)} = \"upd\".{SqlText.Quote(name)}");
            }

            var rows = RowSelection(target, from, update.Where, update.Top, scope, values);
            var sql = $"UPDATE {table.StorageName} AS \"tgt\" SET {string.Join(", ", sets)} FROM ({with}{rows}) AS \"upd\" WHERE \"tgt\".rowid = \"upd\".\"rid\"";
            return new TranslatedStatement { Commands = [Command(sql)], Outcome = StatementOutcome.Update };
        }
        finally
        {
            PopCtes();
        }
    }

    public TranslatedStatement Delete(DeleteStatement delete)
    {
        var with = PushCtes(delete.With);
        try
        {
            var scope = new NameScope(null);
            var (table, target, from) = DmlSources(delete.Target, delete.From, scope, delete.Line);
            var rows = RowSelection(target, from, delete.Where, delete.Top, scope, []);
            var sql = $"DELETE FROM {table.StorageName} AS \"tgt\" WHERE \"tgt\".rowid IN (SELECT \"rid\" FROM ({with}{rows}) AS \"del\")";
            return new TranslatedStatement { Commands = [Command(sql)], Outcome = StatementOutcome.Delete };
        }
        finally
        {
            PopCtes();
        }
    }

    /// <summary>
    /// The target table and its source in scope. With a FROM, the target is the FROM source it names (alias or
    /// table name); a target FROM does not mention joins the FROM as one more source, as in SQL Server.
    /// </summary>
    private (TableInfo Table, ScopeSource Target, string From) DmlSources(DmlTarget target, IReadOnlyList<TableSource> from, NameScope scope, int line)
    {
        var sql = from.Count == 0 ? null : From(from, scope);
        IReadOnlyList<string> name = target.Variable is { } v ? [v] : target.Table!.Parts;
        var named = scope.Sources.FirstOrDefault(s => s.Matches(name));
        if (named is not null)
        {
            if (named.Table is null || named.Table.IsView)
            {
                throw NotSupported($"Modifying '{string.Join('.', name)}', which is not a table", line);
            }

            return (named.Table, named, sql!);
        }

        var table = DmlTable(target, line);
        var own = AddTable(table, target.Variable is { } variable ? [variable] : [table.Schema, table.Name], scope, line);
        var source = scope.Sources[^1];
        return (table, source, sql is null ? own : $"{own}, {sql}");
    }

    private string RowSelection(ScopeSource target, string from, Expression? where, TopClause? top, NameScope scope, IReadOnlyList<string> values)
    {
        var select = string.Join(", ", new[] { $"{SqlText.Quote(target.SqlAlias!)}.rowid AS \"rid\"" }.Concat(values));
        var sql = $"SELECT {select} FROM {from}";
        if (where is not null)
        {
            sql += " WHERE " + Condition(where, scope).Sql;
        }

        if (top is not null)
        {
            if (top.Percent)
            {
                throw NotSupported("TOP ... PERCENT in UPDATE or DELETE", top.Line);
            }

            sql += " LIMIT " + Convert(Value(top.Count, scope), SqlType.BigInt).Sql;
        }

        return sql;
    }
}
