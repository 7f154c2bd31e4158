using System.Text;
using PredictEngine.SqlFrontend.Ast;
using PredictEngine.Storage.Errors;

namespace PredictEngine.SqlFrontend.Binding;

/// <summary>WITH: each CTE becomes a DuckDB CTE; one that names itself is recursive (WITH RECURSIVE).</summary>
internal sealed partial class Binder
{
    private string? _pendingCte;

    /// <summary>Translates the WITH list and brings its CTEs into scope; the caller pops them with <see cref="PopCtes"/>.</summary>
    private string PushCtes(IReadOnlyList<CommonTableExpression> ctes)
    {
        _ctes.Add(new Dictionary<string, CteBinding>(StringComparer.OrdinalIgnoreCase));
        if (ctes.Count == 0)
        {
            return string.Empty;
        }

        var recursive = false;
        var parts = new List<string>();
        foreach (var cte in ctes)
        {
            if (_ctes[^1].ContainsKey(cte.Name))
            {
                throw new EngineException(252, 16, 1, $"Common table expression defined with duplicate name '{cte.Name}'.") { Line = cte.Line };
            }

            var sqlName = NextAlias("cte");
            QueryResult result;
            _pendingCte = cte.Name;
            try
            {
                result = Query(cte.Query, null);
            }
            catch (RecursiveReference)
            {
                result = RecursiveCte(cte, sqlName);
                recursive = true;
            }
            finally
            {
                _pendingCte = null;
            }

            var names = ColumnNames(result, cte.Columns, cte.Name, cte.Line);
            var columns = result.Columns.Select((c, i) => c with { Name = names[i] }).ToList();
            _ctes[^1][cte.Name] = new CteBinding(sqlName, columns);
            parts.Add($"{SqlText.Quote(sqlName)}({string.Join(", ", names.Select(SqlText.Quote))}) AS ({result.Sql})");
        }

        return new StringBuilder(recursive ? "WITH RECURSIVE " : "WITH ").Append(string.Join(", ", parts)).Append(' ').ToString();
    }

    private void PopCtes() => _ctes.RemoveAt(_ctes.Count - 1);

    /// <summary>The anchor (left of the UNION ALL) fixes the columns; then the whole query is translated with the CTE in scope.</summary>
    private QueryResult RecursiveCte(CommonTableExpression cte, string sqlName)
    {
        if (cte.Query is not BinaryQueryExpression { Operator: SetOperator.UnionAll } union)
        {
            throw new EngineException(252, 16, 1,
                $"Recursive common table expression '{cte.Name}' does not contain a top-level UNION ALL operator.") { Line = cte.Line };
        }

        _pendingCte = null;
        var anchor = Query(union.Left, null);
        var names = ColumnNames(anchor, cte.Columns, cte.Name, cte.Line);
        _ctes[^1][cte.Name] = new CteBinding(sqlName, anchor.Columns.Select((c, i) => c with { Name = names[i] }).ToList());
        var whole = Query(cte.Query, null);
        _ctes[^1].Remove(cte.Name);
        return whole with { Columns = anchor.Columns };
    }
}
