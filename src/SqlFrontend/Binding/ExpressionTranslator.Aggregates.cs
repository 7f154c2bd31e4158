using PredictEngine.SqlFrontend.Ast;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Binding;

/// <summary>Aggregates and window functions with SQL Server's result types (COUNT is int, AVG of int truncates to int).</summary>
internal sealed partial class Binder
{
    private static readonly HashSet<string> Ranking = new(StringComparer.Ordinal) { "ROW_NUMBER", "RANK", "DENSE_RANK", "NTILE", "PERCENT_RANK", "CUME_DIST" };

    private static readonly HashSet<string> Aggregates = new(StringComparer.Ordinal)
    {
        "COUNT", "COUNT_BIG", "SUM", "AVG", "MIN", "MAX", "STDEV", "STDEVP", "VAR", "VARP", "STRING_AGG",
    };

    private static readonly HashSet<string> Offsets = new(StringComparer.Ordinal) { "LAG", "LEAD", "FIRST_VALUE", "LAST_VALUE" };

    public static bool IsAggregate(string name) => Aggregates.Contains(name.ToUpperInvariant());

    /// <summary>Null when <paramref name="name"/> is neither an aggregate nor a window function.</summary>
    private Bound? Window(string name, FunctionCall call, NameScope scope)
    {
        if (Ranking.Contains(name) || Offsets.Contains(name))
        {
            if (call.Over is null)
            {
                throw new EngineException(10753, 15, 1, $"The function '{call.Name.Name}' must have an OVER clause.") { Line = call.Line };
            }

            if (call.Over.OrderBy.Count == 0 && name is not "FIRST_VALUE" and not "LAST_VALUE")
            {
                throw new EngineException(4112, 15, 1, $"The function '{call.Name.Name}' must have an OVER clause with ORDER BY.") { Line = call.Line };
            }

            var over = Over(call.Over, scope);
            if (Ranking.Contains(name))
            {
                var args = name == "NTILE" ? Value(call.Arguments[0], scope).Sql : string.Empty;
                var type = name is "PERCENT_RANK" or "CUME_DIST" ? SqlType.Float : SqlType.BigInt;
                var function = name.ToLowerInvariant();
                return new Bound($"CAST({function}({args}) {over} AS {TypeRules.Duck(type)})", type, Nullable: false);
            }

            var value = Value(call.Arguments[0], scope);
            var extra = call.Arguments.Skip(1).Select((a, i) => i == 1 && value.Type is { } t ? Convert(Value(a, scope), t).Sql : Value(a, scope).Sql);
            var list = string.Join(", ", new[] { value.Sql }.Concat(extra));
            return new Bound($"{name.ToLowerInvariant()}({list}) {over}", value.Type);
        }

        return Aggregates.Contains(name) ? Aggregate(name, call, scope) : null;
    }

    private Bound Aggregate(string name, FunctionCall call, NameScope scope)
    {
        var distinct = call.Distinct ? "DISTINCT " : string.Empty;
        var over = call.Over is null ? string.Empty : " " + Over(call.Over, scope);
        if (name is "COUNT" or "COUNT_BIG")
        {
            var argument0 = call.Arguments is [StarExpression] ? default : Value(call.Arguments[0], scope);

            // Distinct strings are counted as the collation sees them: 'Zebra' and 'zebra ' are one value.
            var counted = call.Arguments is [StarExpression] ? "*"
                : call.Distinct && argument0.Type is { IsString: true } ? $"DISTINCT lower(rtrim({argument0.Sql}, ' '))"
                : distinct + argument0.Sql;
            var type = name == "COUNT" ? SqlType.Int : SqlType.BigInt;
            return new Bound($"CAST(count({counted}){over} AS {TypeRules.Duck(type)})", type, Nullable: false);
        }

        if (call.Arguments.Count == 0 || call.Arguments[0] is StarExpression)
        {
            throw new EngineException(174, 15, 1, $"The {name.ToLowerInvariant()} function requires 1 argument(s).") { Line = call.Line };
        }

        var value = Value(call.Arguments[0], scope);
        var argument = value.Type ?? SqlType.Int;
        if (name == "STRING_AGG")
        {
            var separator = call.Arguments.Count > 1 ? Value(call.Arguments[1], scope).Sql : "''";
            var order = call.WithinGroup is { Count: > 0 } within
                ? " ORDER BY " + string.Join(", ", within.Select(o => OrderKey(Value(o.Expression, scope), o.Descending)))
                : string.Empty;
            var type = TypeRules.IsUnicode(argument) || !argument.IsString ? SqlType.NVarChar(SqlType.MaxLength) : SqlType.VarChar(SqlType.MaxLength);
            return new Bound($"string_agg({distinct}CAST({value.Sql} AS VARCHAR), {separator}{order}){over}", type);
        }

        if (name is "MIN" or "MAX")
        {
            return new Bound($"{name.ToLowerInvariant()}({distinct}{value.Sql}){over}", value.Type);
        }

        if (!TypeRules.IsNumeric(argument) || argument.Id == SqlTypeId.Bit)
        {
            throw new EngineException(8117, 16, 1, $"Operand data type {argument} is invalid for {name.ToLowerInvariant()} operator.") { Line = call.Line };
        }

        if (name is "STDEV" or "STDEVP" or "VAR" or "VARP")
        {
            var function = name switch { "STDEV" => "stddev_samp", "STDEVP" => "stddev_pop", "VAR" => "var_samp", _ => "var_pop" };
            return new Bound($"{function}({distinct}CAST({value.Sql} AS DOUBLE)){over}", SqlType.Float);
        }

        var result = argument.Id switch
        {
            SqlTypeId.TinyInt or SqlTypeId.SmallInt or SqlTypeId.Int => SqlType.Int,
            SqlTypeId.BigInt => SqlType.BigInt,
            SqlTypeId.Decimal => SqlType.Decimal(38, name == "AVG" ? Math.Max(argument.Scale, (byte)6) : argument.Scale),
            _ => SqlType.Float,
        };
        var aggregate = name == "SUM" ? "sum" : "avg";

        // AVG of integers is integer division in SQL Server: the fraction is dropped, not rounded.
        var inner = name == "AVG" && TypeRules.IsInteger(result) ? $"trunc(avg({distinct}{value.Sql}){over})" : $"{aggregate}({distinct}{value.Sql}){over}";
        return new Bound($"CAST({inner} AS {TypeRules.Duck(result)})", result);
    }
}
