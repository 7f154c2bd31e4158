using System.Globalization;
using System.Text;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Functions;

public static partial class BuiltinFunctions
{
    private static void AddFormatting(Dictionary<string, Function> map) =>
        Add(map, "FORMAT", 2, 3, (a, _) =>
        {
            var format = ConstantString(a[1]) ?? throw new EngineException(ErrorNumbers.NotSupported, 16, 1, "FORMAT supports a literal format string only.");
            var value = a[0];
            var sql = value.Type is { } t && Conversions.IsDateTime(t) ? DateFormat(value.Sql, t, format) : NumberFormat(value.Sql, format);
            return new TypedSql(sql, SqlType.NVarChar(4000));
        });

    /// <summary>.NET standard and simple custom numeric formats (en-US) as DuckDB format() calls.</summary>
    private static string NumberFormat(string value, string format)
    {
        var x = $"CAST({value} AS DOUBLE)";
        var upper = format.ToUpperInvariant();
        var digits = format.Length > 1 && int.TryParse(format.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : (int?)null;
        if (format.Length >= 1 && (format.Length == 1 || digits is not null))
        {
            switch (upper[0])
            {
                case 'N':
                    return $"format('{{:,.{Int(digits ?? 2)}f}}', {x})";
                case 'F':
                    return $"format('{{:.{Int(digits ?? 2)}f}}', {x})";
                case 'P':
                    return $"format('{{:,.{Int(digits ?? 2)}f}} %', {x} * 100)";
                case 'C':
                    return $"CASE WHEN {x} < 0 THEN '-' ELSE '' END || format('${{:,.{Int(digits ?? 2)}f}}', abs({x}))";
                case 'D':
                    return $"lpad(CAST(CAST({value} AS BIGINT) AS VARCHAR), {Int(digits ?? 1)}, '0')";
                case 'E':
                    return $"upper(printf('%.{Int(digits ?? 6)}e', {x}))";
                case 'X':
                    return $"lpad(upper(hex(CAST({value} AS BIGINT))), {Int(digits ?? 1)}, '0')";
                default:
                    break;
            }
        }

        // Custom: '#,##0.00', '0.000', '#,#', '00000'.
        var point = format.IndexOf('.', StringComparison.Ordinal);
        var decimals = point < 0 ? 0 : format[(point + 1)..].Count(c => c is '0' or '#');
        var integerPart = point < 0 ? format : format[..point];
        var grouping = integerPart.Contains(',', StringComparison.Ordinal) ? "," : string.Empty;
        var minimumDigits = integerPart.Count(c => c == '0');
        if (format.Any(c => c is not ('0' or '#' or ',' or '.')))
        {
            throw new EngineException(ErrorNumbers.NotSupported, 16, 1, $"FORMAT string '{format}' is not supported.");
        }

        var width = minimumDigits + (decimals > 0 ? decimals + 1 : 0);
        return grouping.Length > 0 || minimumDigits <= 1
            ? $"format('{{:{grouping}.{Int(decimals)}f}}', {x})"
            : $"format('{{:0{Int(width)}.{Int(decimals)}f}}', {x})";
    }

    /// <summary>.NET custom date formats (yyyy, MM, dd, HH, mm, ss, fff, tt...) as DuckDB strftime.</summary>
    private static string DateFormat(string value, SqlType type, string format)
    {
        var ts = $"CAST({value} AS TIMESTAMP)";
        if (type.Id == SqlTypeId.Time)
        {
            ts = $"(DATE '2000-01-01' + {value})";
        }

        format = format switch
        {
            "d" => "M/d/yyyy",
            "D" => "dddd, MMMM d, yyyy",
            "t" => "h:mm tt",
            "T" => "h:mm:ss tt",
            "g" => "M/d/yyyy h:mm tt",
            "G" => "M/d/yyyy h:mm:ss tt",
            "s" => "yyyy-MM-ddTHH:mm:ss",
            "o" or "O" => "yyyy-MM-ddTHH:mm:ss.fffffff",
            _ => format,
        };
        var pattern = new StringBuilder();
        for (var i = 0; i < format.Length;)
        {
            var c = format[i];
            var run = 1;
            while (i + run < format.Length && format[i + run] == c)
            {
                run++;
            }

            var token = (c, run) switch
            {
                ('y', >= 4) => "%Y",
                ('y', _) => "%y",
                ('M', >= 4) => "%B",
                ('M', 3) => "%b",
                ('M', 2) => "%m",
                ('M', 1) => "%-m",
                ('d', >= 4) => "%A",
                ('d', 3) => "%a",
                ('d', 2) => "%d",
                ('d', 1) => "%-d",
                ('H', 2) => "%H",
                ('H', 1) => "%-H",
                ('h', 2) => "%I",
                ('h', 1) => "%-I",
                ('m', 2) => "%M",
                ('m', 1) => "%-M",
                ('s', 2) => "%S",
                ('s', 1) => "%-S",
                ('f', 3) => "%g",
                ('f', 6) => "%f",
                ('t', _) => "%p",
                ('%', _) => new string('%', run * 2),
                _ => new string(c, run),
            };
            if (c == 'f' && run is not (3 or 6))
            {
                token = string.Create(CultureInfo.InvariantCulture, $"\u0001{run}");
            }

            pattern.Append(token);
            i += run;
        }

        // Fractions of other widths cut the 7-digit tick string.
        var parts = pattern.ToString().Split('\u0001');
        var sql = new StringBuilder($"strftime({ts}, {Literal(parts[0])})");
        foreach (var part in parts.Skip(1))
        {
            var digits = part[0] - '0';
            sql.Append($" || left(strftime({ts}, '%f') || '0', {Int(digits)}) || strftime({ts}, {Literal(part[1..])})");
        }

        return sql.ToString();
    }
}
