using PredictEngine.SqlFrontend.Ast;
using PredictEngine.SqlFrontend.Functions;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Binding;

/// <summary>
/// The seam to the functions library (PredictEngine.SqlFrontend.Functions): built-in scalar functions and
/// CAST/CONVERT. Arguments are translated here, in scope; the library turns them into the call.
/// </summary>
internal sealed partial class Binder
{
    private Bound BuiltinCall(string name, FunctionCall call, NameScope scope)
    {
        if (!BuiltinFunctions.IsScalarFunction(name))
        {
            throw new EngineException(195, 15, 10, $"'{call.Name.Name}' is not a recognized built-in function name.") { Line = call.Line };
        }

        var args = new List<TypedSql>(call.Arguments.Count);
        for (var i = 0; i < call.Arguments.Count; i++)
        {
            if (BuiltinFunctions.IsDatePartArgument(name, i) && call.Arguments[i] is ColumnReference { Parts.Count: 1 } word)
            {
                args.Add(new TypedSql(word.Name, null));
                continue;
            }

            var value = Value(call.Arguments[i], scope);
            args.Add(new TypedSql(value.Sql, value.Type));
        }

        try
        {
            var result = BuiltinFunctions.Translate(name, args, _context.FunctionContext);
            return new Bound(result.Sql, result.Type);
        }
        catch (EngineException error)
        {
            error.Line = call.Line;
            throw;
        }
    }

    private static Bound CastCall(Bound operand, SqlType target, int? style, bool tryCast)
    {
        var result = Conversions.Cast(new TypedSql(operand.Sql, operand.Type), target, style, tryCast);
        return new Bound(result.Sql, result.Type ?? target, Nullable: operand.Nullable || tryCast);
    }
}
