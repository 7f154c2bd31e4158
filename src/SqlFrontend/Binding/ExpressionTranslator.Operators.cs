using PredictEngine.SqlFrontend.Ast;
using PredictEngine.SqlFrontend.Functions;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Binding;

/// <summary>Operators: T-SQL arithmetic (integer division, NULL-propagating string +), comparisons, logic.</summary>
internal sealed partial class Binder
{
    private const string DivideByZero = "error('Divide by zero error encountered.')";

    /// <summary>An implicit conversion to <paramref name="target"/>; no CAST where DuckDB already holds the value that way.</summary>
    public static Bound Convert(Bound value, SqlType target)
    {
        if (value.Type is not { } source)
        {
            return new Bound($"CAST(NULL AS {TypeRules.Duck(target)})", target);
        }

        if (source == target || (source.IsString && target.IsString) || TypeRules.Duck(source) == TypeRules.Duck(target))
        {
            return value with { Type = target };
        }

        // To and from strings, SQL Server's formats and messages come from the functions library.
        if (source.IsString || target.IsString)
        {
            var cast = Conversions.Cast(new TypedSql(value.Sql, source), target, null, tryCast: false);
            return new Bound(cast.Sql, target, Nullable: value.Nullable);
        }

        // SQL Server truncates toward zero converting a fraction to an integer; DuckDB would round.
        var sql = TypeRules.IsInteger(target) && target.Id != SqlTypeId.Bit && source.Id is SqlTypeId.Decimal or SqlTypeId.Float or SqlTypeId.Real
            ? $"CAST(trunc({value.Sql}) AS {TypeRules.Duck(target)})"
            : $"CAST({value.Sql} AS {TypeRules.Duck(target)})";
        return new Bound(sql, target, Nullable: value.Nullable);
    }

    private Bound Binary(BinaryExpression binary, NameScope scope)
    {
        switch (binary.Operator)
        {
            case BinaryOperator.And:
            case BinaryOperator.Or:
                var left = Condition(binary.Left, scope);
                var right = Condition(binary.Right, scope);
                return new Bound($"({left.Sql} {(binary.Operator == BinaryOperator.And ? "AND" : "OR")} {right.Sql})", null, IsPredicate: true);
            case BinaryOperator.Equal:
            case BinaryOperator.NotEqual:
            case BinaryOperator.Less:
            case BinaryOperator.Greater:
            case BinaryOperator.LessOrEqual:
            case BinaryOperator.GreaterOrEqual:
            case BinaryOperator.NotLess:
            case BinaryOperator.NotGreater:
                return Compare(binary.Operator, Value(binary.Left, scope), Value(binary.Right, scope));
            default:
                return Arithmetic(binary.Operator, Value(binary.Left, scope), Value(binary.Right, scope), binary.Line);
        }
    }

    public static string ComparisonSymbol(BinaryOperator op) => op switch
    {
        BinaryOperator.Equal => "=",
        BinaryOperator.NotEqual => "<>",
        BinaryOperator.Less => "<",
        BinaryOperator.Greater => ">",
        BinaryOperator.LessOrEqual or BinaryOperator.NotGreater => "<=",
        _ => ">=",
    };

    /// <summary>Brings two operands to the type they are compared in; strings compare case-insensitively.</summary>
    private static (Bound Left, Bound Right, bool Strings) Align(Bound left, Bound right)
    {
        var common = TypeRules.Common(left.Type, right.Type);
        if (common is not { } type)
        {
            return (left, right, false);
        }

        if (type.IsString)
        {
            return (Convert(left, type), Convert(right, type), true);
        }

        // Numbers of different widths compare fine in DuckDB; only cross-family pairs need a conversion.
        static Bound Fit(Bound side, SqlType target) =>
            side.Type is { } t && (t.IsString != target.IsString || t.Id == SqlTypeId.Bit != (target.Id == SqlTypeId.Bit) || !TypeRules.IsNumeric(t) || !TypeRules.IsNumeric(target))
                ? Convert(side, target)
                : side;
        return (Fit(left, type), Fit(right, type), false);
    }

    private static Bound Compare(BinaryOperator op, Bound left, Bound right)
    {
        var (l, r, strings) = Align(left, right);
        return strings
            ? new Bound($"({PadInsensitive(l.Sql)} {ComparisonSymbol(op)} {PadInsensitive(r.Sql)})", null, IsPredicate: true)
            : new Bound($"({l.Sql} {ComparisonSymbol(op)} {r.Sql})", null, IsPredicate: true);
    }

    /// <summary>
    /// A string as SQL_Latin1_General_CP1_CI_AS compares it: without case, and with trailing blanks ignored
    /// (SQL Server pads the shorter operand with spaces).
    /// </summary>
    private static string PadInsensitive(string sql) => $"(rtrim({sql}, ' ') COLLATE nocase)";

    private static Bound Arithmetic(BinaryOperator op, Bound left, Bound right, int line)
    {
        var lt = left.Type;
        var rt = right.Type;
        var nullable = left.Nullable || right.Nullable;
        if (op == BinaryOperator.Add && (lt?.IsString ?? rt?.IsString ?? false) && (rt?.IsString ?? true) && (lt?.IsString ?? true))
        {
            // DuckDB's || propagates NULL as T-SQL's + does (its concat() would not).
            var type = TypeRules.Concat(lt ?? rt!.Value, rt ?? lt!.Value);
            return new Bound($"({left.Sql} || {right.Sql})", type, Nullable: nullable);
        }

        var a = lt ?? rt ?? SqlType.Int;
        var b = rt ?? lt ?? SqlType.Int;
        a = a.IsString ? (TypeRules.IsNumeric(b) ? b : SqlType.Int) : a;
        b = b.IsString ? a : b;
        if (!TypeRules.IsNumeric(a) || !TypeRules.IsNumeric(b))
        {
            var bad = TypeRules.IsNumeric(a) ? b : a;
            throw new EngineException(8117, 16, 1, $"Operand data type {bad} is invalid for {OperatorName(op)} operator.") { Line = line };
        }

        var symbol = op switch
        {
            BinaryOperator.Add => '+',
            BinaryOperator.Subtract => '-',
            BinaryOperator.Multiply => '*',
            BinaryOperator.Divide => '/',
            BinaryOperator.Modulo => '%',
            _ => '&',
        };
        if (symbol == '&')
        {
            var bitType = TypeRules.Arithmetic('+', a, b);
            if (!TypeRules.IsInteger(bitType))
            {
                throw new EngineException(402, 16, 1, $"The data types {a} and {b} are incompatible in the {OperatorName(op)} operator.") { Line = line };
            }

            var (x, y) = (Convert(left, bitType).Sql, Convert(right, bitType).Sql);
            var sql = op switch
            {
                BinaryOperator.BitwiseAnd => $"({x} & {y})",
                BinaryOperator.BitwiseOr => $"({x} | {y})",
                _ => $"xor({x}, {y})",
            };
            return new Bound(sql, bitType, Nullable: nullable);
        }

        // SQL Server types an integer constant next to a decimal by its digits, not as decimal(10,0).
        var result = TypeRules.Arithmetic(symbol, a, b);
        if (result.Id == SqlTypeId.Decimal)
        {
            result = TypeRules.Arithmetic(symbol, LiteralDecimal(left) ?? a, LiteralDecimal(right) ?? b);
            var dl = Convert(left, TypeRules.AsDecimal(a)).Sql;
            var dr = Convert(right, TypeRules.AsDecimal(b)).Sql;
            var duck = TypeRules.Duck(result);
            var sql = symbol switch
            {
                // DuckDB divides decimals in DOUBLE; the quotient is brought back to SQL Server's decimal type.
                '/' => $"CAST((CASE WHEN {dr} = 0 THEN {DivideByZero} ELSE CAST({dl} AS DOUBLE) / CAST({dr} AS DOUBLE) END) AS {duck})",
                '%' => $"CAST((CASE WHEN {dr} = 0 THEN {DivideByZero} ELSE {dl} % {dr} END) AS {duck})",
                _ => $"CAST(({dl} {symbol} {dr}) AS {duck})",
            };
            return new Bound(sql, result, Nullable: nullable);
        }

        var l = Convert(left, result).Sql;
        var r = Convert(right, result).Sql;
        var integer = TypeRules.IsInteger(result);
        var text = symbol switch
        {
            // DuckDB's / is float division and its x/0 is NULL; T-SQL divides integers and raises 8134.
            '/' => $"(CASE WHEN {r} = 0 THEN {DivideByZero} ELSE {l} {(integer ? "//" : "/")} {r} END)",
            '%' => $"(CASE WHEN {r} = 0 THEN {DivideByZero} ELSE {(integer ? $"{l} % {r}" : $"fmod({l}, {r})")} END)",
            _ => $"({l} {symbol} {r})",
        };
        return new Bound(text, result, Nullable: nullable);
    }

    private static SqlType? LiteralDecimal(Bound value) =>
        value.Type == SqlType.Int && !value.Nullable && value.Sql.Length is > 0 and <= 10 && value.Sql.All(char.IsAsciiDigit)
            ? SqlType.Decimal(value.Sql.Length, 0)
            : null;

    private static string OperatorName(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "add",
        BinaryOperator.Subtract => "subtract",
        BinaryOperator.Multiply => "multiply",
        BinaryOperator.Divide => "divide",
        BinaryOperator.Modulo => "modulo",
        BinaryOperator.BitwiseAnd => "&",
        BinaryOperator.BitwiseOr => "|",
        _ => "^",
    };
}
