using System.Globalization;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Functions;

public static partial class Conversions
{
    /// <summary>
    /// CAST, CONVERT (with <paramref name="style"/>), TRY_CAST and TRY_CONVERT. Strings that do not convert raise
    /// SQL Server's message through <see cref="RuntimeErrors"/> (or give NULL when <paramref name="tryCast"/>);
    /// numbers convert to integers by truncation, to varchar(n) silently truncated.
    /// </summary>
    public static TypedSql Cast(TypedSql value, SqlType target, int? style, bool tryCast)
    {
        var duck = DuckDbTypeName(target);
        if (value.Type is not { } source)
        {
            return new TypedSql($"CAST({value.Sql} AS {duck})", target);
        }

        var sql = target.Id switch
        {
            _ when target.IsString => ToText(value.Sql, source, target, style),
            SqlTypeId.TinyInt or SqlTypeId.SmallInt or SqlTypeId.Int or SqlTypeId.BigInt => ToInteger(value.Sql, source, target, tryCast),
            SqlTypeId.Decimal or SqlTypeId.Real or SqlTypeId.Float => ToApproxOrDecimal(value.Sql, source, target, tryCast),
            SqlTypeId.Bit => ToBit(value.Sql, source, tryCast),
            SqlTypeId.Date or SqlTypeId.Time or SqlTypeId.DateTime or SqlTypeId.DateTime2 => ToDateTime(value.Sql, source, target, style, tryCast),
            SqlTypeId.UniqueIdentifier when source.IsString => tryCast
                ? $"try_cast(trim({value.Sql}) AS UUID)"
                : $"coalesce(try_cast(trim({value.Sql}) AS UUID), CASE WHEN {value.Sql} IS NULL THEN NULL ELSE {RuntimeErrors.Raise(8169, 16, 2, "'Conversion failed when converting from a character string to uniqueidentifier.'")} END)",
            SqlTypeId.VarBinary when source.IsString => $"encode({value.Sql})",
            _ => $"{(tryCast ? "try_cast" : "CAST")}({value.Sql} AS {duck})",
        };
        return new TypedSql(sql, target);
    }

    private static string ToText(string value, SqlType source, SqlType target, int? style)
    {
        var text = source.Id switch
        {
            _ when source.IsString => value,
            SqlTypeId.Bit => $"CASE WHEN {value} THEN '1' WHEN NOT {value} THEN '0' END",
            SqlTypeId.Real or SqlTypeId.Float => style switch
            {
                1 => $"tsql_float_sci({value}, 7)",
                2 => $"tsql_float_sci({value}, 15)",
                3 => $"tsql_float_sci({value}, 16)",
                _ => $"tsql_float_str({value})",
            },
            SqlTypeId.Date or SqlTypeId.Time or SqlTypeId.DateTime or SqlTypeId.DateTime2 => DateText(value, source, style),
            SqlTypeId.UniqueIdentifier => $"upper(CAST({value} AS VARCHAR))",
            SqlTypeId.VarBinary => style is 1 or 2
                ? $"{(style == 1 ? "'0x' || " : string.Empty)}upper(hex({value}))"
                : $"decode({value})",
            _ => $"CAST({value} AS VARCHAR)",
        };
        if (target.Length == SqlType.MaxLength)
        {
            return text;
        }

        var n = target.Length.ToString(CultureInfo.InvariantCulture);
        if (IsInteger(source) && !IsUnicode(target))
        {
            // An integer that does not fit a char/varchar shows as '*' rather than being cut.
            text = $"CASE WHEN length({text}) > {n} THEN '*' ELSE {text} END";
        }

        return target.Id is SqlTypeId.Char or SqlTypeId.NChar
            ? $"rpad(left({text}, {n}), {n}, ' ')"
            : $"left({text}, {n})";
    }

    private static string ToInteger(string value, SqlType source, SqlType target, bool tryCast)
    {
        var duck = DuckDbTypeName(target);
        var (low, high) = target.Id switch
        {
            SqlTypeId.TinyInt => ("0", "255"),
            SqlTypeId.SmallInt => ("-32768", "32767"),
            SqlTypeId.Int => ("-2147483648", "2147483647"),
            _ => ("-9223372036854775808", "9223372036854775807"),
        };
        var keyword = SqlType.Keyword(target.Id);
        if (source.IsString)
        {
            return $"CAST(tsql_str_to_int({value}, {low}, {high}, '{SqlType.Keyword(source.Id)}', '{keyword}', {Bool(tryCast)}) AS {duck})";
        }

        if (source.Id == SqlTypeId.Bit)
        {
            return $"CAST({value} AS {duck})";
        }

        var number = source.Id is SqlTypeId.Decimal or SqlTypeId.Real or SqlTypeId.Float ? $"trunc({value})" : value;
        return tryCast
            ? $"try_cast({number} AS {duck})"
            : $"CAST(CASE WHEN {number} BETWEEN {low} AND {high} OR {number} IS NULL THEN {number} ELSE {RuntimeErrors.Raise(8115, 16, 2, $"'Arithmetic overflow error converting expression to data type {keyword}.'")} END AS {duck})";
    }

    private static string ToApproxOrDecimal(string value, SqlType source, SqlType target, bool tryCast)
    {
        var duck = DuckDbTypeName(target);
        if (source.IsString)
        {
            var name = target.Id == SqlTypeId.Decimal ? "numeric" : SqlType.Keyword(target.Id);
            var parsed = $"try_cast(trim({value}) AS {duck})";
            return tryCast
                ? parsed
                : $"coalesce({parsed}, CASE WHEN {value} IS NULL THEN NULL ELSE {RuntimeErrors.Raise(8114, 16, 5, $"'Error converting data type {SqlType.Keyword(source.Id)} to {name}.'")} END)";
        }

        if (target.Id == SqlTypeId.Decimal && !tryCast && IsNumeric(source))
        {
            var limit = "1" + new string('0', target.Precision - target.Scale);
            return $"CAST(CASE WHEN abs({value}) < {limit} OR {value} IS NULL THEN {value} ELSE {RuntimeErrors.Raise(8115, 16, 2, "'Arithmetic overflow error converting numeric to data type numeric.'")} END AS {duck})";
        }

        return $"{(tryCast ? "try_cast" : "CAST")}({value} AS {duck})";
    }

    private static string ToBit(string value, SqlType source, bool tryCast)
    {
        if (source.IsString)
        {
            var fail = tryCast ? "NULL" : RuntimeErrors.Raise(245, 16, 1, $"'Conversion failed when converting the {SqlType.Keyword(source.Id)} value ''' || {value} || ''' to data type bit.'");
            return $"CASE WHEN {value} IS NULL THEN NULL WHEN upper(trim({value})) = 'TRUE' THEN true WHEN upper(trim({value})) = 'FALSE' THEN false "
                + $"WHEN try_cast(trim({value}) AS DOUBLE) IS NOT NULL THEN try_cast(trim({value}) AS DOUBLE) <> 0 ELSE {fail} END";
        }

        return IsNumeric(source) ? $"({value} <> 0)" : $"{(tryCast ? "try_cast" : "CAST")}({value} AS BOOLEAN)";
    }

    private static string ToDateTime(string value, SqlType source, SqlType target, int? style, bool tryCast)
    {
        var duck = DuckDbTypeName(target);
        string timestamp;
        if (source.IsString)
        {
            if (target.Id == SqlTypeId.Time)
            {
                var time = $"coalesce(try_cast(trim({value}) AS TIME), try_cast(try_cast(trim({value}) AS TIMESTAMP) AS TIME))";
                return tryCast ? time : $"coalesce({time}, CASE WHEN {value} IS NULL THEN NULL ELSE {DateFailure()} END)";
            }

            timestamp = $"tsql_str_to_ts({value}, {ParseFormats(style)}, {Bool(tryCast)})";
        }
        else if (IsNumeric(source) && target.Id == SqlTypeId.DateTime)
        {
            // datetime counts days from 1900-01-01; fractions are parts of a day.
            timestamp = $"(TIMESTAMP '1900-01-01' + to_microseconds(CAST(round(CAST({value} AS DOUBLE) * 86400000000) AS BIGINT)))";
        }
        else
        {
            return $"{(tryCast ? "try_cast" : "CAST")}({value} AS {duck})";
        }

        return target.Id == SqlTypeId.DateTime2 || target.Id == SqlTypeId.DateTime ? timestamp : $"CAST({timestamp} AS {duck})";
    }

    private static string ParseFormats(int? style)
    {
        string[] leading = style switch
        {
            1 or 101 => ["%m/%d/%y", "%m/%d/%Y"],
            3 or 103 => ["%d/%m/%y", "%d/%m/%Y", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M"],
            4 or 104 => ["%d.%m.%y", "%d.%m.%Y", "%d.%m.%Y %H:%M:%S"],
            10 or 110 => ["%m-%d-%y", "%m-%d-%Y"],
            11 or 111 => ["%y/%m/%d", "%Y/%m/%d"],
            12 or 112 => ["%y%m%d", "%Y%m%d"],
            _ => [],
        };
        string[] common = ["%Y%m%d", "%Y%m%d %H:%M:%S", "%m/%d/%Y", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M %p",
            "%m-%d-%Y", "%Y/%m/%d", "%Y/%m/%d %H:%M:%S", "%Y.%m.%d", "%b %d %Y %I:%M%p", "%b %d %Y", "%B %d %Y", "%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y"];
        return "[" + string.Join(", ", leading.Concat(common).Select(f => $"'{f}'")) + "]";
    }

    internal static string DateFailure() =>
        RuntimeErrors.Raise(241, 16, 1, "'Conversion failed when converting date and/or time from character string.'");

    private static string Bool(bool value) => value ? "true" : "false";
}
