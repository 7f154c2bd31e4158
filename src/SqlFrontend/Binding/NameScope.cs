using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Binding;

/// <summary>A column a FROM source exposes: its T-SQL name and type, and the DuckDB column it reads.</summary>
internal sealed record ScopeColumn(string Name, SqlType Type, bool Nullable, string StorageName);

/// <summary>
/// One FROM source as names see it. <see cref="Exposed"/> is the name T-SQL qualifies its columns with (the
/// alias, or schema and table of an unaliased table); <see cref="SqlAlias"/> is the unique DuckDB alias
/// emitted for it (null where columns are written bare, as in CHECK constraints).
/// </summary>
internal sealed class ScopeSource
{
    public ScopeSource(IReadOnlyList<string> exposed, string? sqlAlias, IReadOnlyList<ScopeColumn> columns, TableInfo? table = null)
    {
        Exposed = exposed;
        SqlAlias = sqlAlias;
        Columns = columns;
        Table = table;
    }

    public IReadOnlyList<string> Exposed { get; }

    public string? SqlAlias { get; }

    public IReadOnlyList<ScopeColumn> Columns { get; }

    public TableInfo? Table { get; }

    public string ColumnSql(ScopeColumn column) =>
        SqlAlias is null ? SqlText.Quote(column.StorageName) : SqlText.Quote(SqlAlias) + "." + SqlText.Quote(column.StorageName);

    public ScopeColumn? Find(string name) =>
        Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when a qualifier (<c>t</c>, <c>dbo.t</c>, <c>db.dbo.t</c>) names this source.</summary>
    public bool Matches(IReadOnlyList<string> qualifier)
    {
        if (qualifier.Count == 0 || !string.Equals(qualifier[^1], Exposed[^1], StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (qualifier.Count == 1)
        {
            return true;
        }

        // A schema-qualified reference matches only an unaliased table of that schema.
        return Exposed.Count >= 2 && string.Equals(qualifier[^2], Exposed[^2], StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>
/// The names visible in one query block; <see cref="Parent"/> is the enclosing block, so a subquery can
/// read the outer query's columns (correlation). Lookup is case-insensitive, as under SQL Server's default collation.
/// </summary>
internal sealed class NameScope
{
    private readonly List<ScopeSource> _sources = [];

    public NameScope(NameScope? parent) => Parent = parent;

    public NameScope? Parent { get; }

    public IReadOnlyList<ScopeSource> Sources => _sources;

    /// <summary>Select-list aliases ORDER BY may use, with their 1-based positions.</summary>
    public Dictionary<string, int> OrderAliases { get; } = new(StringComparer.OrdinalIgnoreCase);

    public void Add(ScopeSource source, int line)
    {
        if (_sources.Any(s => s.Exposed.Count == source.Exposed.Count && s.Matches(source.Exposed)))
        {
            throw new EngineException(1013, 16, 1,
                $"The objects \"{string.Join('.', source.Exposed)}\" and \"{string.Join('.', source.Exposed)}\" in the FROM clause have the same exposed names. Use correlation names to distinguish them.") { Line = line };
        }

        _sources.Add(source);
    }

    /// <summary>Finds a column reference's source, searching outward; throws SQL Server's 207 / 209 / 4104.</summary>
    public (ScopeSource Source, ScopeColumn Column) Resolve(IReadOnlyList<string> parts, int line)
    {
        var name = parts[^1];
        var qualifier = parts.Take(parts.Count - 1).ToArray();
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (qualifier.Length == 0)
            {
                var hits = scope._sources.Select(s => (Source: s, Column: s.Find(name))).Where(h => h.Column is not null).ToList();
                if (hits.Count > 1)
                {
                    throw new EngineException(209, 16, 1, $"Ambiguous column name '{name}'.") { Line = line };
                }

                if (hits.Count == 1)
                {
                    return (hits[0].Source, hits[0].Column!);
                }

                continue;
            }

            var source = scope._sources.FirstOrDefault(s => s.Matches(qualifier));
            if (source is not null)
            {
                var column = source.Find(name)
                    ?? throw new EngineException(ErrorNumbers.InvalidColumnName, 16, 1, $"Invalid column name '{name}'.") { Line = line };
                return (source, column);
            }
        }

        throw qualifier.Length == 0
            ? new EngineException(ErrorNumbers.InvalidColumnName, 16, 1, $"Invalid column name '{name}'.") { Line = line }
            : new EngineException(4104, 16, 1, $"The multi-part identifier \"{string.Join('.', parts)}\" could not be bound.") { Line = line };
    }

    /// <summary>The sources a <c>t.*</c> qualifier names (all sources for a bare <c>*</c>); 4104 / 263 when none.</summary>
    public IReadOnlyList<ScopeSource> Star(IReadOnlyList<string> qualifier, int line)
    {
        if (qualifier.Count == 0)
        {
            return _sources.Count > 0
                ? _sources
                : throw new EngineException(263, 16, 1, "Must specify table to select from.") { Line = line };
        }

        var source = _sources.FirstOrDefault(s => s.Matches(qualifier))
            ?? throw new EngineException(4104, 16, 1, $"The multi-part identifier \"{string.Join('.', qualifier)}\" could not be bound.") { Line = line };
        return [source];
    }
}
