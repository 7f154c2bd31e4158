using PredictEngine.SqlFrontend.Ast;
using PredictEngine.Storage.Errors;

namespace PredictEngine.SqlFrontend.Binding;

/// <summary>The select list: * expansion in table column order, result names, and SELECT @v = ... assignments.</summary>
internal sealed partial class Binder
{
    private List<SelectEntry> SelectList(QuerySpecification spec, NameScope scope, List<string>? assignments)
    {
        var entries = new List<SelectEntry>();
        var assigning = spec.SelectItems.Any(i => i is SelectAssignment);
        if (assigning && (assignments is null || spec.SelectItems.Any(i => i is not SelectAssignment)))
        {
            throw new EngineException(141, 15, 1,
                "A SELECT statement that assigns a value to a variable must not be combined with data-retrieval operations.") { Line = spec.Line };
        }

        foreach (var item in spec.SelectItems)
        {
            switch (item)
            {
                case SelectStar star:
                    foreach (var source in scope.Star(star.Qualifier, star.Line))
                    {
                        entries.AddRange(source.Columns.Select(c => new SelectEntry(new Bound(source.ColumnSql(c), c.Type, Nullable: c.Nullable), c.Name)));
                    }

                    break;
                case SelectColumn column:
                    var value = Value(column.Expression, scope);
                    var name = column.Alias ?? (column.Expression is ColumnReference reference ? reference.Name : string.Empty);
                    entries.Add(new SelectEntry(value, name));
                    break;
                case SelectAssignment assignment:
                    var variable = _context.FindVariable(assignment.Variable)
                        ?? throw new EngineException(137, 15, 2, $"Must declare the scalar variable \"{assignment.Variable}\".") { Line = assignment.Line };
                    var assigned = assignment.CompoundOperator is { } op
                        ? Arithmetic(op, Parameter(variable.Name, variable.Type), Value(assignment.Expression, scope), assignment.Line)
                        : Value(assignment.Expression, scope);
                    if (variable.Type is { } type)
                    {
                        assigned = Convert(assigned, type);
                    }

                    assignments!.Add(variable.Name);
                    entries.Add(new SelectEntry(assigned, variable.Name));
                    break;
            }
        }

        return entries;
    }

    /// <summary>Result names that a derived table, CTE or view must give its columns: present and unique.</summary>
    private static IReadOnlyList<string> ColumnNames(QueryResult result, IReadOnlyList<string> aliases, string owner, int line)
    {
        if (aliases.Count > 0 && aliases.Count != result.Columns.Count)
        {
            throw new EngineException(8158, 16, 1, $"'{owner}' has more columns than were specified in the column list.") { Line = line };
        }

        var names = aliases.Count > 0 ? aliases : result.Columns.Select(c => c.Name).ToList();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i].Length == 0)
            {
                throw new EngineException(8155, 16, 2, $"No column name was specified for column {i + 1} of '{owner}'.") { Line = line };
            }

            if (!seen.Add(names[i]))
            {
                throw new EngineException(8156, 16, 1, $"The column '{names[i]}' was specified multiple times for '{owner}'.") { Line = line };
            }
        }

        return names;
    }
}
