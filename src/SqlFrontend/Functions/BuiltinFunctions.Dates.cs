using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Functions;

public static partial class BuiltinFunctions
{
    private static void AddDates(Dictionary<string, Function> map)
    {
        Add(map, "GETDATE", 0, 0, (_, _) => new TypedSql("CAST(date_trunc('millisecond', current_localtimestamp()) AS TIMESTAMP)", SqlType.DateTime));
        Add(map, "CURRENT_TIMESTAMP", 0, 0, (_, _) => new TypedSql("CAST(date_trunc('millisecond', current_localtimestamp()) AS TIMESTAMP)", SqlType.DateTime));
        Add(map, "SYSDATETIME", 0, 0, (_, _) => new TypedSql("CAST(current_localtimestamp() AS TIMESTAMP)", SqlType.DateTime2(7)));
        Add(map, "GETUTCDATE", 0, 0, (_, _) => new TypedSql($"date_trunc('millisecond', {UtcNow})", SqlType.DateTime));
        Add(map, "SYSUTCDATETIME", 0, 0, (_, _) => new TypedSql(UtcNow, SqlType.DateTime2(7)));
        Add(map, "DATEADD", 3, 3, (a, _) => DateAdd(DatePart(a[0]), a[1], a[2]));
        Add(map, "DATEDIFF", 3, 3, (a, _) => new TypedSql($"CAST({DateDiff(DatePart(a[0]), a[1], a[2])} AS INTEGER)", SqlType.Int));
        Add(map, "DATEDIFF_BIG", 3, 3, (a, _) => new TypedSql($"CAST({DateDiff(DatePart(a[0]), a[1], a[2])} AS BIGINT)", SqlType.BigInt));
        Add(map, "DATEPART", 2, 2, (a, _) => new TypedSql(DatePartOf(DatePart(a[0]), Timestamp(a[1])), SqlType.Int));
        Add(map, "DATENAME", 2, 2, (a, _) => new TypedSql(DateName(DatePart(a[0]), Timestamp(a[1])), SqlType.NVarChar(30)));
        Add(map, "YEAR", 1, 1, (a, _) => new TypedSql($"CAST(year({Timestamp(a[0])}) AS INTEGER)", SqlType.Int));
        Add(map, "MONTH", 1, 1, (a, _) => new TypedSql($"CAST(month({Timestamp(a[0])}) AS INTEGER)", SqlType.Int));
        Add(map, "DAY", 1, 1, (a, _) => new TypedSql($"CAST(day({Timestamp(a[0])}) AS INTEGER)", SqlType.Int));
        Add(map, "EOMONTH", 1, 2, (a, _) => new TypedSql(
            a.Count > 1 ? $"last_day({Timestamp(a[0])} + to_months(CAST({a[1].Sql} AS INTEGER)))" : $"last_day({Timestamp(a[0])})", SqlType.Date));
        Add(map, "DATEFROMPARTS", 3, 3, (a, _) => new TypedSql($"make_date(CAST({a[0].Sql} AS BIGINT), CAST({a[1].Sql} AS BIGINT), CAST({a[2].Sql} AS BIGINT))", SqlType.Date));
        Add(map, "DATETIMEFROMPARTS", 7, 7, (a, _) => new TypedSql(
            $"make_timestamp(CAST({a[0].Sql} AS BIGINT), CAST({a[1].Sql} AS BIGINT), CAST({a[2].Sql} AS BIGINT), CAST({a[3].Sql} AS BIGINT), CAST({a[4].Sql} AS BIGINT), CAST({a[5].Sql} AS DOUBLE) + CAST({a[6].Sql} AS DOUBLE) / 1000)",
            SqlType.DateTime));
        Add(map, "ISDATE", 1, 1, (a, _) => new TypedSql(
            a[0].Type is { IsString: true } or null
                ? $"CASE WHEN {Conversions.Cast(a[0], SqlType.DateTime, null, true).Sql} IS NULL THEN 0 ELSE 1 END"
                : $"CASE WHEN {a[0].Sql} IS NULL THEN 0 ELSE 1 END",
            SqlType.Int));
        Add(map, "DATETRUNC", 2, 2, (a, _) => DateTrunc(DatePart(a[0]), a[1]));
    }

    // DuckDB's now() is a TIMESTAMPTZ; read in UTC it is the UTC wall clock.
    private const string UtcNow = "CAST(timezone('UTC', now()) AS TIMESTAMP)";

    /// <summary>A date/time argument as a DuckDB TIMESTAMP/DATE/TIME expression (strings convert like datetime).</summary>
    private static string Timestamp(TypedSql arg) => arg.Type switch
    {
        null or { IsString: true } => Conversions.Cast(arg, SqlType.DateTime2(7), null, false).Sql,
        { } t when Conversions.IsNumeric(t) => Conversions.Cast(arg, SqlType.DateTime, null, false).Sql,
        _ => arg.Sql,
    };

    private static string DatePart(TypedSql arg)
    {
        var name = (ConstantString(arg) ?? arg.Sql).Trim().ToLowerInvariant();
        return name switch
        {
            "year" or "yy" or "yyyy" => "year",
            "quarter" or "qq" or "q" => "quarter",
            "month" or "mm" or "m" => "month",
            "dayofyear" or "dy" or "y" => "dayofyear",
            "day" or "dd" or "d" => "day",
            "week" or "wk" or "ww" => "week",
            "weekday" or "dw" or "w" => "weekday",
            "hour" or "hh" => "hour",
            "minute" or "mi" or "n" => "minute",
            "second" or "ss" or "s" => "second",
            "millisecond" or "ms" => "millisecond",
            "microsecond" or "mcs" => "microsecond",
            "nanosecond" or "ns" => "nanosecond",
            "iso_week" or "isowk" or "isoww" => "iso_week",
            "tzoffset" or "tz" => "tzoffset",
            _ => throw new EngineException(155, 15, 1, $"'{name}' is not a recognized datepart option."),
        };
    }

    private static TypedSql DateAdd(string part, TypedSql number, TypedSql date)
    {
        var n = $"CAST(trunc({number.Sql}) AS BIGINT)";
        var interval = part switch
        {
            "year" => $"to_years(CAST({n} AS INTEGER))",
            "quarter" => $"to_months(CAST(3 * {n} AS INTEGER))",
            "month" => $"to_months(CAST({n} AS INTEGER))",
            "dayofyear" or "day" or "weekday" => $"to_days(CAST({n} AS INTEGER))",
            "week" => $"to_days(CAST(7 * {n} AS INTEGER))",
            "hour" => $"to_hours({n})",
            "minute" => $"to_minutes({n})",
            "second" => $"to_seconds({n})",
            "millisecond" => $"to_milliseconds({n})",
            "microsecond" => $"to_microseconds({n})",
            "nanosecond" => $"to_microseconds({n} // 1000)",
            _ => throw new EngineException(9810, 16, 1, $"The datepart {part} is not supported by date function dateadd for data type {DateTypeName(date)}."),
        };
        var type = date.Type is { } t && Conversions.IsDateTime(t) ? t : SqlType.DateTime;
        if (type.Id == SqlTypeId.Date && part is "hour" or "minute" or "second" or "millisecond" or "microsecond" or "nanosecond")
        {
            throw new EngineException(9810, 16, 1, $"The datepart {part} is not supported by date function dateadd for data type date.");
        }

        var sql = type.Id == SqlTypeId.Time
            ? $"CAST((DATE '2000-01-01' + {date.Sql}) + {interval} AS TIME)"
            : $"CAST({Timestamp(date)} + {interval} AS {Conversions.DuckDbTypeName(type)})";
        return new TypedSql(sql, type);
    }

    private static string DateTypeName(TypedSql arg) => arg.Type is { } t ? SqlType.Keyword(t.Id) : "datetime";

    /// <summary>DATEDIFF counts the datepart boundaries crossed between the two values (DuckDB's date_diff does the same).</summary>
    private static string DateDiff(string part, TypedSql start, TypedSql end)
    {
        var a = AsTimestamp(start);
        var b = AsTimestamp(end);
        return part switch
        {
            "week" => $"(tsql_week_index({b}) - tsql_week_index({a}))",
            "dayofyear" or "weekday" => $"date_diff('day', {a}, {b})",
            "iso_week" => $"date_diff('week', {a}, {b})",
            "nanosecond" => $"(date_diff('microsecond', {a}, {b}) * 1000)",
            "tzoffset" => throw new EngineException(9810, 16, 1, "The datepart tzoffset is not supported by date function datediff for data type datetime."),
            _ => $"date_diff('{part}', {a}, {b})",
        };
    }

    private static string AsTimestamp(TypedSql arg) => arg.Type is { Id: SqlTypeId.Time }
        ? $"(DATE '1900-01-01' + {arg.Sql})"
        : $"CAST({Timestamp(arg)} AS TIMESTAMP)";

    private static string DatePartOf(string part, string d) => part switch
    {
        "weekday" => $"CAST(dayofweek({d}) + 1 AS INTEGER)",
        "week" => $"tsql_week_of_year({d})",
        "iso_week" => $"CAST(weekofyear({d}) AS INTEGER)",
        "millisecond" => $"CAST(millisecond({d}) % 1000 AS INTEGER)",
        "microsecond" => $"CAST(microsecond({d}) % 1000000 AS INTEGER)",
        "nanosecond" => $"CAST(microsecond({d}) % 1000000 * 1000 AS INTEGER)",
        "tzoffset" => "0",
        _ => $"CAST({part}({d}) AS INTEGER)",
    };

    private static string DateName(string part, string d) => part switch
    {
        "month" => $"monthname({d})",
        "weekday" => $"dayname({d})",
        _ => $"CAST({DatePartOf(part, d)} AS VARCHAR)",
    };

    private static TypedSql DateTrunc(string part, TypedSql date)
    {
        var type = date.Type is { } t && Conversions.IsDateTime(t) ? t : SqlType.DateTime2(7);
        var ts = AsTimestamp(date);
        var truncated = part switch
        {
            // Weeks start on Sunday under the default DATEFIRST 7.
            "week" => $"(date_trunc('day', {ts}) - to_days(CAST(dayofweek({ts}) AS INTEGER)))",
            "iso_week" => $"date_trunc('week', {ts})",
            "dayofyear" => $"date_trunc('day', {ts})",
            "nanosecond" => ts,
            _ => $"date_trunc('{part}', {ts})",
        };
        return new TypedSql(
            type.Id == SqlTypeId.Time ? $"CAST({truncated} AS TIME)" : $"CAST({truncated} AS {Conversions.DuckDbTypeName(type)})",
            type);
    }
}
