using System.Globalization;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Functions;

/// <summary>
/// T-SQL built-in scalar functions translated to DuckDB SQL with SQL Server's semantics and result types.
/// The macros they call are created by <see cref="FunctionLibrary.Install"/>.
/// </summary>
public static partial class BuiltinFunctions
{
    private delegate TypedSql Handler(IReadOnlyList<TypedSql> args, FunctionContext context);

    private sealed record Function(int Min, int Max, Handler Translate);

    private static readonly Dictionary<string, Function> Functions = Build();

    private static readonly HashSet<string> DatePartFunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        "DATEADD", "DATEDIFF", "DATEDIFF_BIG", "DATEPART", "DATENAME", "DATETRUNC",
    };

    private static readonly HashSet<string> Niladic = new(StringComparer.OrdinalIgnoreCase)
    {
        "CURRENT_TIMESTAMP", "CURRENT_USER", "SYSTEM_USER", "SESSION_USER", "USER",
    };

    public static bool IsScalarFunction(string name) => Functions.ContainsKey(name);

    /// <summary>Whether argument <paramref name="index"/> of <paramref name="name"/> is a datepart keyword (day, yy, ...).</summary>
    public static bool IsDatePartArgument(string name, int index) => index == 0 && DatePartFunctions.Contains(name);

    /// <summary>Whether <paramref name="name"/> is a function written without parentheses (CURRENT_TIMESTAMP, SYSTEM_USER...).</summary>
    public static bool IsNiladic(string name) => Niladic.Contains(name);

    public static TypedSql Translate(string name, IReadOnlyList<TypedSql> args, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        if (!Functions.TryGetValue(name, out var function))
        {
            throw new EngineException(195, 15, 10, $"'{name}' is not a recognized built-in function name.");
        }

        if (args.Count < function.Min || args.Count > function.Max)
        {
            var lower = name.ToLowerInvariant();
            throw function.Min == function.Max
                ? new EngineException(174, 15, 1, string.Create(CultureInfo.InvariantCulture, $"The {lower} function requires {function.Min} argument(s)."))
                : new EngineException(189, 15, 1, string.Create(CultureInfo.InvariantCulture, $"The {lower} function requires {function.Min} to {function.Max} arguments."));
        }

        return function.Translate(args, context);
    }

    private static Dictionary<string, Function> Build()
    {
        var map = new Dictionary<string, Function>(StringComparer.OrdinalIgnoreCase);
        AddLogical(map);
        AddStrings(map);
        AddFormatting(map);
        AddDates(map);
        AddMath(map);
        AddSystem(map);
        return map;
    }

    private static void Add(Dictionary<string, Function> map, string name, int min, int max, Handler handler) =>
        map[name] = new Function(min, max, handler);

    private static EngineException InvalidArgument(SqlType? type, int index, string function) =>
        new(8116, 16, 1, string.Create(CultureInfo.InvariantCulture, $"Argument data type {(type is { } t ? SqlType.Keyword(t.Id) : "NULL")} is invalid for argument {index} of {function} function."));

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The argument as DuckDB VARCHAR, converted the way SQL Server converts it to a string.</summary>
    private static string Text(TypedSql arg) =>
        arg.Type is { IsString: true } or null ? arg.Sql : Conversions.Cast(arg, SqlType.NVarChar(SqlType.MaxLength), null, false).Sql;

    /// <summary>The string result type for a function over <paramref name="arg"/> (varchar unless the input is Unicode).</summary>
    private static SqlType StringResult(TypedSql arg, int length) =>
        arg.Type is { } t && Conversions.IsUnicode(t) ? SqlType.NVarChar(Math.Min(length, 4000) <= 0 ? SqlType.MaxLength : Math.Min(length, 4000)) : SqlType.VarChar(length <= 0 || length > 8000 ? SqlType.MaxLength : length);

    private static int LengthOf(TypedSql arg) => arg.Type switch
    {
        { IsString: true } t => t.Length,
        null => 1,
        _ => 30,
    };

    /// <summary>A literal integer argument's value (for results typed from it), or null.</summary>
    private static int? ConstantInt(TypedSql arg) =>
        int.TryParse(arg.Sql.Trim('(', ')', ' '), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>A literal string argument's text (datepart names, FORMAT patterns), or null.</summary>
    private static string? ConstantString(TypedSql arg)
    {
        var sql = arg.Sql.Trim();
        if (sql.Length >= 2 && sql[0] == '\'' && sql[^1] == '\'')
        {
            var inner = sql[1..^1];
            return inner.Replace("''", string.Empty, StringComparison.Ordinal).Contains('\'', StringComparison.Ordinal) ? null : inner.Replace("''", "'", StringComparison.Ordinal);
        }

        return null;
    }

    private static void AddLogical(Dictionary<string, Function> map)
    {
        Add(map, "ISNULL", 2, 2, (a, _) => a[0].Type is { } t
            ? new TypedSql($"coalesce({a[0].Sql}, {Conversions.Cast(a[1], t, null, false).Sql})", t)
            : new TypedSql($"coalesce({a[0].Sql}, {a[1].Sql})", a[1].Type ?? SqlType.Int));
        Add(map, "COALESCE", 2, int.MaxValue, (a, _) => Unified("coalesce(", a, ")"));
        Add(map, "NULLIF", 2, 2, (a, _) => new TypedSql($"nullif({a[0].Sql}, {a[1].Sql})", a[0].Type));
        Add(map, "IIF", 3, 3, (a, _) =>
        {
            var type = Conversions.CommonType(a[1].Type, a[2].Type);
            return new TypedSql($"CASE WHEN {a[0].Sql} THEN {Coerce(a[1], type)} ELSE {Coerce(a[2], type)} END", type);
        });
        Add(map, "CHOOSE", 2, int.MaxValue, (a, _) =>
        {
            SqlType? type = null;
            for (var i = 1; i < a.Count; i++)
            {
                type = Conversions.CommonType(type, a[i].Type);
            }

            var branches = string.Concat(Enumerable.Range(1, a.Count - 1).Select(i => $" WHEN {Int(i)} THEN {Coerce(a[i], type)}"));
            return new TypedSql($"CASE CAST({a[0].Sql} AS INTEGER){branches} END", type);
        });
    }

    private static TypedSql Unified(string prefix, IReadOnlyList<TypedSql> args, string suffix)
    {
        SqlType? type = null;
        foreach (var arg in args)
        {
            type = Conversions.CommonType(type, arg.Type);
        }

        return new TypedSql(prefix + string.Join(", ", args.Select(a => Coerce(a, type))) + suffix, type);
    }

    /// <summary>The argument converted to <paramref name="type"/> when its own type differs.</summary>
    private static string Coerce(TypedSql arg, SqlType? type) =>
        type is not { } t || arg.Type == t || (arg.Type is { } s && s.IsString && t.IsString) ? arg.Sql : Conversions.Cast(arg, t, null, false).Sql;
}
