using System.Text;
using PredictEngine.SqlFrontend.Ast;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Binding;

/// <summary>
/// Function calls. The session functions read session variables, the NULL-handling functions and aggregates
/// are typed here, and every other built-in goes to the functions library (<see cref="BuiltinCall"/>).
/// </summary>
internal sealed partial class Binder
{
    private static readonly Dictionary<string, string> SessionFunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["SCOPE_IDENTITY"] = "@@SCOPE_IDENTITY",
        ["ERROR_NUMBER"] = "@@ERROR_NUMBER",
        ["ERROR_MESSAGE"] = "@@ERROR_MESSAGE",
        ["ERROR_SEVERITY"] = "@@ERROR_SEVERITY",
        ["ERROR_STATE"] = "@@ERROR_STATE",
        ["ERROR_LINE"] = "@@ERROR_LINE",
        ["ERROR_PROCEDURE"] = "@@ERROR_PROCEDURE",
        ["XACT_STATE"] = "@@XACT_STATE",
    };

    private Bound Function(FunctionCall call, NameScope scope)
    {
        if (call.Name.Parts.Count > 1)
        {
            throw new EngineException(4121, 16, 1,
                $"Cannot find either column \"{call.Name.Parts[0]}\" or the user-defined function or aggregate \"{call.Name}\", or the name is ambiguous.") { Line = call.Line };
        }

        var name = call.Name.Name.ToUpperInvariant();
        if (SessionFunctions.TryGetValue(name, out var variable) && call.Arguments.Count == 0)
        {
            return Variable(variable, call.Line);
        }

        var window = Window(name, call, scope);
        if (window is not null)
        {
            return window.Value;
        }

        if (call.Over is not null)
        {
            throw new EngineException(4113, 16, 1, $"The function '{call.Name.Name}' is not a valid windowing function, and cannot be used with the OVER clause.") { Line = call.Line };
        }

        return name switch
        {
            "ISNULL" => IsNullFunction(call, scope),
            "COALESCE" => Coalesce(call, scope),
            "NULLIF" => NullIf(call, scope),
            "IIF" => Iif(call, scope),
            _ => BuiltinCall(name, call, scope),
        };
    }

    private static void Arity(FunctionCall call, int min, int max)
    {
        if (call.Arguments.Count < min || call.Arguments.Count > max)
        {
            throw new EngineException(174, 15, 1, $"The {call.Name.Name.ToLowerInvariant()} function requires {min} argument(s).") { Line = call.Line };
        }
    }

    private Bound IsNullFunction(FunctionCall call, NameScope scope)
    {
        Arity(call, 2, 2);
        var first = Value(call.Arguments[0], scope);
        var second = Value(call.Arguments[1], scope);

        // ISNULL takes its first argument's type (COALESCE would take the higher-precedence one).
        var type = first.Type ?? second.Type;
        var replacement = type is { } t ? Convert(second, t) : second;
        return new Bound($"COALESCE({first.Sql}, {replacement.Sql})", type, Nullable: second.Nullable);
    }

    private Bound Coalesce(FunctionCall call, NameScope scope)
    {
        if (call.Arguments.Count < 2)
        {
            throw new EngineException(189, 15, 1, "The coalesce function requires 2 to n arguments.") { Line = call.Line };
        }

        var args = call.Arguments.Select(a => Value(a, scope)).ToList();
        var type = args.Aggregate((SqlType?)null, (t, a) => TypeRules.Common(t, a.Type));
        var list = args.Select(a => type is { } t ? Convert(a, t).Sql : a.Sql);
        return new Bound($"COALESCE({string.Join(", ", list)})", type, Nullable: args.All(a => a.Nullable));
    }

    private Bound NullIf(FunctionCall call, NameScope scope)
    {
        Arity(call, 2, 2);
        var first = Value(call.Arguments[0], scope);
        var equal = Compare(BinaryOperator.Equal, first, Value(call.Arguments[1], scope));
        return CaseOf([(equal.Sql, new Bound("NULL", first.Type))], first, first.Type);
    }

    private Bound Iif(FunctionCall call, NameScope scope)
    {
        Arity(call, 3, 3);
        var condition = Condition(call.Arguments[0], scope);
        var then = Value(call.Arguments[1], scope);
        var otherwise = Value(call.Arguments[2], scope);
        return CaseOf([(condition.Sql, then)], otherwise, TypeRules.Common(then.Type, otherwise.Type));
    }

    private Bound Cast(CastExpression cast, NameScope scope)
    {
        var operand = Value(cast.Operand, scope);
        var target = ParseType(cast.DataType);
        int? style = cast.Style is LiteralExpression { Kind: LiteralKind.Integer } s
            ? int.Parse(s.Value, System.Globalization.CultureInfo.InvariantCulture)
            : null;
        if (cast.Style is not null && style is null)
        {
            throw NotSupported("A CONVERT style that is not an integer constant", cast.Line);
        }

        return CastCall(operand, target, style, cast.Kind is CastKind.TryCast or CastKind.TryConvert);
    }

    /// <summary>The OVER clause: PARTITION BY, ORDER BY (strings case-insensitive) and the frame.</summary>
    private string Over(WindowSpecification over, NameScope scope)
    {
        var parts = new List<string>();
        if (over.PartitionBy.Count > 0)
        {
            parts.Add("PARTITION BY " + string.Join(", ", over.PartitionBy.Select(p => Value(p, scope).Sql)));
        }

        if (over.OrderBy.Count > 0)
        {
            parts.Add("ORDER BY " + string.Join(", ", over.OrderBy.Select(o => OrderKey(Value(o.Expression, scope), o.Descending))));
        }

        if (over.Frame is { } frame)
        {
            var unit = frame.Unit == WindowFrameUnit.Rows ? "ROWS" : "RANGE";
            parts.Add(frame.End is null
                ? $"{unit} BETWEEN {FrameBound(frame.Start, scope)} AND CURRENT ROW"
                : $"{unit} BETWEEN {FrameBound(frame.Start, scope)} AND {FrameBound(frame.End, scope)}");
        }

        return $"OVER ({string.Join(" ", parts)})";
    }

    private string FrameBound(WindowBound bound, NameScope scope) => bound.Kind switch
    {
        WindowBoundKind.UnboundedPreceding => "UNBOUNDED PRECEDING",
        WindowBoundKind.UnboundedFollowing => "UNBOUNDED FOLLOWING",
        WindowBoundKind.CurrentRow => "CURRENT ROW",
        WindowBoundKind.Preceding => $"{Value(bound.Offset!, scope).Sql} PRECEDING",
        _ => $"{Value(bound.Offset!, scope).Sql} FOLLOWING",
    };

    /// <summary>T-SQL sorts NULLs first ascending and last descending; strings sort without case.</summary>
    private static string OrderKey(Bound key, bool descending)
    {
        var sql = key.Type is { IsString: true } ? $"({key.Sql} COLLATE nocase)" : key.Sql;
        return sql + (descending ? " DESC NULLS LAST" : " ASC NULLS FIRST");
    }

    private static string Join(IEnumerable<string> parts)
    {
        var sb = new StringBuilder();
        foreach (var part in parts)
        {
            sb.Append(sb.Length == 0 ? string.Empty : ", ").Append(part);
        }

        return sb.ToString();
    }
}
