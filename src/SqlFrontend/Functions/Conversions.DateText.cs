using System.Globalization;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Functions;

public static partial class Conversions
{
    /// <summary>A date/time value as CONVERT writes it in <paramref name="style"/> (null: what CAST writes).</summary>
    private static string DateText(string value, SqlType source, int? style)
    {
        var fraction = source.Id switch
        {
            SqlTypeId.DateTime => 3,
            SqlTypeId.Time or SqlTypeId.DateTime2 => (int)source.Precision,
            _ => 0,
        };
        if (source.Id == SqlTypeId.Time)
        {
            return style is 0 or 100
                ? $"tsql_clock12({value})"
                : $"strftime((DATE '2000-01-01' + {value}), '%H:%M:%S'){Fraction($"(DATE '2000-01-01' + {value})", style is 108 or 8 ? 0 : fraction)}";
        }

        var ts = $"CAST({value} AS TIMESTAMP)";
        var isDate = source.Id == SqlTypeId.Date;
        var effective = style ?? (source.Id == SqlTypeId.DateTime ? 0 : 121);
        string? pattern = effective switch
        {
            1 => "%m/%d/%y",
            101 => "%m/%d/%Y",
            2 => "%y.%m.%d",
            102 => "%Y.%m.%d",
            3 => "%d/%m/%y",
            103 => "%d/%m/%Y",
            4 => "%d.%m.%y",
            104 => "%d.%m.%Y",
            5 => "%d-%m-%y",
            105 => "%d-%m-%Y",
            10 => "%m-%d-%y",
            110 => "%m-%d-%Y",
            11 => "%y/%m/%d",
            111 => "%Y/%m/%d",
            12 => "%y%m%d",
            112 => "%Y%m%d",
            23 => "%Y-%m-%d",
            _ => null,
        };
        if (pattern is not null)
        {
            return $"strftime({ts}, '{pattern}')";
        }

        switch (effective)
        {
            case 0 or 100:
                return isDate
                    ? $"strftime({ts}, '%b ') || lpad(CAST(day({ts}) AS VARCHAR), 2, ' ') || strftime({ts}, ' %Y')"
                    : $"strftime({ts}, '%b ') || lpad(CAST(day({ts}) AS VARCHAR), 2, ' ') || strftime({ts}, ' %Y ') || tsql_clock12(CAST({ts} AS TIME))";
            case 8 or 108:
                return $"strftime({ts}, '%H:%M:%S')";
            case 20 or 120:
                return isDate ? $"strftime({ts}, '%Y-%m-%d')" : $"strftime({ts}, '%Y-%m-%d %H:%M:%S')";
            case 126 or 127:
                if (isDate)
                {
                    return $"strftime({ts}, '%Y-%m-%d')";
                }

                var iso = $"strftime({ts}, '%Y-%m-%dT%H:%M:%S')";
                return source.Id == SqlTypeId.DateTime
                    ? $"{iso} || CASE WHEN microsecond({ts}) % 1000000 = 0 THEN '' ELSE '.' || strftime({ts}, '%g') END"
                    : iso + Fraction(ts, fraction);
            default:
                return isDate ? $"strftime({ts}, '%Y-%m-%d')" : $"strftime({ts}, '%Y-%m-%d %H:%M:%S'){Fraction(ts, fraction)}";
        }
    }

    private static string Fraction(string ts, int digits) => digits switch
    {
        0 => string.Empty,
        7 => $" || '.' || strftime({ts}, '%f') || '0'",
        _ => string.Create(CultureInfo.InvariantCulture, $" || '.' || left(strftime({ts}, '%f'), {Math.Min(digits, 6)})"),
    };
}
