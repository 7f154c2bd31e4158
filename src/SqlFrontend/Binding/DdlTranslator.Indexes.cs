using System.Text.RegularExpressions;
using PredictEngine.SqlFrontend.Ast;
using PredictEngine.Storage.Errors;

namespace PredictEngine.SqlFrontend.Binding;

/// <summary>ALTER TABLE on an indexed table: DuckDB refuses to alter a table that has indexes, so they are dropped around the change and rebuilt.</summary>
internal sealed partial class Binder
{
    private TranslatedStatement WithIndexesRebuilt(TableInfo table, AlterTableStatement alter, List<TranslatedCommand> commands)
    {
        if (commands.Count == 0 || table.Indexes.Count == 0)
        {
            return Ddl(commands);
        }

        if (alter.Action is DropColumnsAction dropped)
        {
            foreach (var index in table.Indexes)
            {
                var column = dropped.Columns.FirstOrDefault(c => Mentions(index.Sql, c));
                if (column is not null)
                {
                    throw new EngineException(5074, 16, 1, $"The index '{index.StorageName}' is dependent on column '{column}'.") { Line = alter.Line };
                }
            }
        }

        var rebuilt = table.Indexes.Select(i => Command($"DROP INDEX {i.StorageName}")).ToList();
        rebuilt.AddRange(commands);
        rebuilt.AddRange(table.Indexes.Select(i => Command(i.Sql)));
        return Ddl(rebuilt);
    }

    /// <summary>True when the index's SQL names the column (bare or quoted).</summary>
    private static bool Mentions(string sql, string column)
    {
        var name = Regex.Escape(column);
        return Regex.IsMatch(sql, $"(?<![\\w\"]){name}(?![\\w\"])|\"{name}\"", RegexOptions.IgnoreCase);
    }
}
