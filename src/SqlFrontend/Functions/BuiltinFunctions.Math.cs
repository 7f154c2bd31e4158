using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Functions;

public static partial class BuiltinFunctions
{
    private static void AddMath(Dictionary<string, Function> map)
    {
        Add(map, "ABS", 1, 1, (a, _) => SameType(a[0], "abs", x => $"abs({x})"));
        Add(map, "SIGN", 1, 1, (a, _) => SameType(a[0], "sign", x => $"sign({x})"));
        Add(map, "CEILING", 1, 1, (a, _) => Rounded(a[0], "ceiling", x => $"ceil({x})"));
        Add(map, "FLOOR", 1, 1, (a, _) => Rounded(a[0], "floor", x => $"floor({x})"));
        Add(map, "ROUND", 2, 3, (a, _) =>
        {
            var n = $"CAST({a[1].Sql} AS INTEGER)";
            return a.Count > 2
                ? SameType(a[0], "round", x => $"CASE WHEN coalesce({a[2].Sql}, 0) = 0 THEN round({x}, {n}) ELSE trunc(CAST({x} AS DOUBLE) * pow(10, {n})) / pow(10, {n}) END")
                : SameType(a[0], "round", x => $"round({x}, {n})");
        });
        Add(map, "POWER", 2, 2, (a, _) =>
        {
            var type = NumericArg(a[0], 1, "power");
            var result = type.Id switch
            {
                SqlTypeId.Decimal => SqlType.Decimal(38, type.Scale),
                SqlTypeId.Real => SqlType.Float,
                SqlTypeId.Bit or SqlTypeId.TinyInt or SqlTypeId.SmallInt => SqlType.Int,
                _ => type,
            };
            var value = $"pow(CAST({a[0].Sql} AS DOUBLE), CAST({a[1].Sql} AS DOUBLE))";
            return new TypedSql(
                $"CAST({(Conversions.IsInteger(result) ? $"trunc({value})" : value)} AS {Conversions.DuckDbTypeName(result)})", result);
        });
        Add(map, "SQRT", 1, 1, (a, _) => Float(a[0], "sqrt", x => $"sqrt({x})"));
        Add(map, "SQUARE", 1, 1, (a, _) => Float(a[0], "square", x => $"({x} * {x})"));
        Add(map, "LOG", 1, 2, (a, _) => a.Count == 1
            ? Float(a[0], "log", x => $"ln({x})")
            : Float(a[0], "log", x => $"(ln({x}) / ln(CAST({a[1].Sql} AS DOUBLE)))"));
        Add(map, "LOG10", 1, 1, (a, _) => Float(a[0], "log10", x => $"log10({x})"));
        Add(map, "EXP", 1, 1, (a, _) => Float(a[0], "exp", x => $"exp({x})"));
        Add(map, "SIN", 1, 1, (a, _) => Float(a[0], "sin", x => $"sin({x})"));
        Add(map, "COS", 1, 1, (a, _) => Float(a[0], "cos", x => $"cos({x})"));
        Add(map, "TAN", 1, 1, (a, _) => Float(a[0], "tan", x => $"tan({x})"));
        Add(map, "COT", 1, 1, (a, _) => Float(a[0], "cot", x => $"(1 / tan({x}))"));
        Add(map, "ASIN", 1, 1, (a, _) => Float(a[0], "asin", x => $"asin({x})"));
        Add(map, "ACOS", 1, 1, (a, _) => Float(a[0], "acos", x => $"acos({x})"));
        Add(map, "ATAN", 1, 1, (a, _) => Float(a[0], "atan", x => $"atan({x})"));
        Add(map, "ATN2", 2, 2, (a, _) => Float(a[0], "atn2", x => $"atan2({x}, CAST({a[1].Sql} AS DOUBLE))"));
        Add(map, "DEGREES", 1, 1, (a, _) => SameType(a[0], "degrees", x => $"degrees({x})"));
        Add(map, "RADIANS", 1, 1, (a, _) => SameType(a[0], "radians", x => $"radians({x})"));
        Add(map, "PI", 0, 0, (_, _) => new TypedSql("pi()", SqlType.Float));
        Add(map, "RAND", 0, 1, (_, _) => new TypedSql("random()", SqlType.Float));
        Add(map, "NEWID", 0, 0, (_, _) => new TypedSql("uuid()", SqlType.UniqueIdentifier));
        Add(map, "ISNUMERIC", 1, 1, (a, _) => new TypedSql(
            a[0].Type is { IsString: true } or null ? $"tsql_isnumeric({a[0].Sql})" : a[0].Type is { } t && Conversions.IsNumeric(t) ? $"CASE WHEN {a[0].Sql} IS NULL THEN 0 ELSE 1 END" : "0",
            SqlType.Int));
    }

    /// <summary>The argument's numeric type; a string converts as float does in SQL Server, other types are Msg 8116.</summary>
    private static SqlType NumericArg(TypedSql arg, int index, string function) => arg.Type switch
    {
        null => SqlType.Int,
        { IsString: true } => SqlType.Float,
        { } t when Conversions.IsNumeric(t) => t,
        { } t => throw InvalidArgument(t, index, function),
    };

    private static string AsNumber(TypedSql arg, SqlType type) =>
        arg.Type is { IsString: true } ? Conversions.Cast(arg, type, null, false).Sql : arg.Sql;

    private static TypedSql SameType(TypedSql arg, string function, Func<string, string> body)
    {
        if (arg.Type is { IsString: true } s)
        {
            throw InvalidArgument(s, 1, function);
        }

        var type = NumericArg(arg, 1, function);
        if (type.Id == SqlTypeId.Bit)
        {
            throw InvalidArgument(type, 1, function);
        }

        return new TypedSql($"CAST({body(arg.Sql)} AS {Conversions.DuckDbTypeName(type)})", type);
    }

    private static TypedSql Rounded(TypedSql arg, string function, Func<string, string> body)
    {
        var type = NumericArg(arg, 1, function);
        if (type.Id == SqlTypeId.Bit)
        {
            throw InvalidArgument(type, 1, function);
        }

        var result = type.Id == SqlTypeId.Decimal ? SqlType.Decimal(type.Precision, 0) : type;
        return new TypedSql($"CAST({body(AsNumber(arg, type))} AS {Conversions.DuckDbTypeName(result)})", result);
    }

    private static TypedSql Float(TypedSql arg, string function, Func<string, string> body)
    {
        var type = NumericArg(arg, 1, function);
        return new TypedSql(body($"CAST({AsNumber(arg, type)} AS DOUBLE)"), SqlType.Float);
    }
}
