using System.Globalization;
using PredictEngine.SqlFrontend.Ast;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Binding;

/// <summary>A CTE in scope: the DuckDB name it is emitted under and its columns.</summary>
internal sealed record CteBinding(string SqlName, IReadOnlyList<OutputColumn> Columns);

/// <summary>
/// The state of translating one statement: the variables that became positional parameters, the counter
/// behind unique source aliases, and the CTEs in scope. The partial files hold one statement family each.
/// </summary>
internal sealed partial class Binder
{
    private readonly ITranslationContext _context;
    private readonly List<string> _parameters = [];
    private readonly List<Dictionary<string, CteBinding>> _ctes = [];
    private int _aliasCounter;

    public Binder(ITranslationContext context) => _context = context;

    private ICatalog Catalog => _context.Catalog;

    /// <summary>The parameters gathered since the last call, for the command just built.</summary>
    public IReadOnlyList<string> TakeParameters()
    {
        var taken = _parameters.ToArray();
        _parameters.Clear();
        return taken;
    }

    public TranslatedCommand Command(string sql) => new(sql, TakeParameters());

    private string NextAlias(string prefix = "s") => prefix + (++_aliasCounter).ToString(CultureInfo.InvariantCulture);

    /// <summary>A variable's value as a typed positional parameter; the same variable reuses its position.</summary>
    private Bound Parameter(string name, SqlType? type)
    {
        var index = _parameters.FindIndex(p => string.Equals(p, name, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
        {
            _parameters.Add(name);
            index = _parameters.Count - 1;
        }

        var position = "$" + (index + 1).ToString(CultureInfo.InvariantCulture);
        var effective = type ?? SqlType.NVarChar(SqlType.MaxLength);
        return new Bound($"CAST({position} AS {TypeRules.Duck(effective)})", effective);
    }

    private Bound Variable(string name, int line)
    {
        var variable = _context.FindVariable(name)
            ?? throw new EngineException(137, 15, 2, $"Must declare the scalar variable \"{name}\".") { Line = line };
        if (variable.Table is not null)
        {
            throw new EngineException(137, 15, 2, $"Must declare the scalar variable \"{name}\".") { Line = line };
        }

        return Parameter(variable.Name, variable.Type);
    }

    private TableInfo TableVariable(string name, int line)
    {
        var variable = _context.FindVariable(name);
        return variable?.Table
            ?? throw new EngineException(1087, 15, 2, $"Must declare the table variable \"{name}\".") { Line = line };
    }

    /// <summary>Checks a name's database part (the current database, or tempdb for #temp) and looks the object up.</summary>
    private TableInfo? FindTable(ObjectName name)
    {
        if (name.Server is not null)
        {
            return null;
        }

        if (name.Database is { } database && !string.Equals(database, _context.Database, StringComparison.OrdinalIgnoreCase)
            && !(name.IsTemporary && string.Equals(database, "tempdb", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        return Catalog.FindTable(name);
    }

    private TableInfo RequireTable(ObjectName name) =>
        FindTable(name) ?? throw InvalidObject(name);

    private static EngineException InvalidObject(ObjectName name) =>
        new(ErrorNumbers.InvalidObjectName, 16, 1, $"Invalid object name '{name}'.") { Line = name.Line };

    private CteBinding? FindCte(ObjectName name)
    {
        if (name.Parts.Count != 1)
        {
            return null;
        }

        for (var i = _ctes.Count - 1; i >= 0; i--)
        {
            if (_ctes[i].TryGetValue(name.Name, out var cte))
            {
                return cte;
            }
        }

        return null;
    }

    private static EngineException NotSupported(string construct, int line) =>
        new(ErrorNumbers.NotSupported, 16, 1, $"{construct} is not supported by this engine.") { Line = line };
}
