using PredictEngine.SqlFrontend.Ast;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Binding;

/// <summary>
/// The seam to the functions library (PredictEngine.SqlFrontend.Functions): built-in scalar functions and
/// CAST/CONVERT. Until that library is merged, only plain CAST is translated here.
/// </summary>
internal sealed partial class Binder
{
    private static Bound BuiltinCall(string name, FunctionCall call, NameScope scope)
    {
        _ = scope;
        throw new EngineException(195, 15, 10, $"'{call.Name.Name}' is not a recognized built-in function name.") { Line = call.Line };
    }

    private static Bound CastCall(Bound operand, SqlType target, int? style, bool tryCast)
    {
        _ = style;
        if (operand.Type is null)
        {
            return new Bound($"CAST(NULL AS {TypeRules.Duck(target)})", target);
        }

        var converted = Convert(operand, target);
        var sql = converted.Sql;
        if (tryCast && sql.StartsWith("CAST(", StringComparison.Ordinal))
        {
            sql = "TRY_" + sql;
        }

        if (target.IsString && target.Length != SqlType.MaxLength)
        {
            sql = $"left({(operand.Type.Value.IsString ? sql : $"CAST({operand.Sql} AS VARCHAR)")}, {TypeRules.Number(target.Length)})";
        }

        return new Bound(sql, target, Nullable: operand.Nullable || tryCast);
    }
}
