using System.Runtime.CompilerServices;
using PredictEngine.Storage;

namespace PredictEngine.SqlFrontend.Functions;

/// <summary>
/// The DuckDB macros (tsql_*) that translations call where a one-line expression is not enough. They are
/// TEMP macros, so each connection installs its own; a connection installs them once.
/// </summary>
public static class FunctionLibrary
{
    private static readonly ConditionalWeakTable<StorageConnection, object> Installed = [];

    private static readonly string[] Macros =
    [
        // %g writes six significant digits like SQL Server's style 0, which pads the exponent to three digits.
        @"tsql_float_str(x) AS regexp_replace(printf('%g', CAST(x AS DOUBLE)), 'e([+-])([0-9][0-9])$', 'e\10\2')",
        @"tsql_float_sci(x, d) AS regexp_replace(printf('%.' || d || 'e', CAST(x AS DOUBLE)), 'e([+-])([0-9][0-9])$', 'e\10\2')",
        @"tsql_clock12(t) AS lpad(CAST((hour(t) + 11) % 12 + 1 AS VARCHAR), 2, ' ') || ':' || lpad(CAST(minute(t) AS VARCHAR), 2, '0') || CASE WHEN hour(t) < 12 THEN 'AM' ELSE 'PM' END",
        "tsql_str_to_int(s, lo, hi, src, tgt, quiet) AS CASE WHEN s IS NULL THEN NULL WHEN trim(s) = '' THEN 0 "
            + @"WHEN NOT regexp_full_match(s, '\s*[-+]?[0-9]+\s*') THEN CASE WHEN quiet THEN NULL ELSE "
            + RuntimeErrors.Raise(245, 16, 1, "'Conversion failed when converting the ' || src || ' value ''' || s || ''' to data type ' || tgt || '.'") + " END "
            + "WHEN try_cast(trim(s) AS HUGEINT) IS NULL OR try_cast(trim(s) AS HUGEINT) NOT BETWEEN lo AND hi THEN CASE WHEN quiet THEN NULL ELSE "
            + RuntimeErrors.Raise(248, 16, 1, "'The conversion of the ' || src || ' value ''' || s || ''' overflowed an ' || tgt || ' column. Use a larger integer column.'") + " END "
            + "ELSE try_cast(trim(s) AS HUGEINT) END",
        "tsql_str_to_ts(s, formats, quiet) AS coalesce(try_cast(trim(s) AS TIMESTAMP), try_strptime(trim(s), formats), "
            + "CASE WHEN s IS NULL OR quiet THEN NULL ELSE " + Conversions.DateFailure() + " END)",
        "tsql_charindex(f, s, st) AS CASE WHEN f IS NULL OR s IS NULL THEN NULL WHEN f = '' THEN 0 "
            + "WHEN coalesce(st, 1) <= 1 THEN instr(lower(s), lower(f)) "
            + "WHEN instr(lower(substr(s, st)), lower(f)) = 0 THEN 0 ELSE instr(lower(substr(s, st)), lower(f)) + st - 1 END",
        "tsql_stuff(s, st, n, r) AS CASE WHEN st < 1 OR st > length(s) OR n < 0 THEN NULL "
            + "ELSE substr(s, 1, st - 1) || coalesce(r, '') || substr(s, st + n) END",
        // Weeks start on Sunday (DATEFIRST 7); 1970-01-01 was a Thursday.
        "tsql_week_index(d) AS floor((date_diff('day', DATE '1970-01-01', CAST(d AS DATE)) + 4) / 7)",
        "tsql_week_of_year(d) AS CAST(floor((dayofyear(d) - 1 + dayofweek(make_date(year(d), 1, 1))) / 7) + 1 AS INTEGER)",
        "tsql_str(x, width, digits) AS CASE WHEN x IS NULL THEN NULL "
            + "WHEN length(printf('%.' || least(greatest(digits, 0), 16) || 'f', round(CAST(x AS DOUBLE), least(greatest(digits, 0), 16)))) > width THEN repeat('*', width) "
            + "ELSE lpad(printf('%.' || least(greatest(digits, 0), 16) || 'f', round(CAST(x AS DOUBLE), least(greatest(digits, 0), 16))), width, ' ') END",
        @"tsql_isnumeric(s) AS CASE WHEN s IS NULL THEN 0 WHEN regexp_full_match(s, '\s*[-+]?\s*\$?\s*([0-9][0-9,]*\.?[0-9]*|\.[0-9]*)([eEdD][-+]?[0-9]+)?\s*') THEN 1 "
            + @"WHEN regexp_full_match(s, '\s*[-+$.]\s*') THEN 1 ELSE 0 END",
        "tsql_unquote(n) AS CASE WHEN n LIKE '[%]' THEN replace(n[2:-2], ']]', ']') WHEN n LIKE '\"%\"' THEN n[2:-2] ELSE n END",
    ];

    /// <summary>Creates the macros on this connection (again only after <paramref name="connection"/> is new).</summary>
    public static void Install(StorageConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        lock (Installed)
        {
            if (Installed.TryGetValue(connection, out _))
            {
                return;
            }

            foreach (var macro in Macros)
            {
                connection.Execute("CREATE OR REPLACE TEMP MACRO " + macro);
            }

            Installed.Add(connection, new object());
        }
    }
}
