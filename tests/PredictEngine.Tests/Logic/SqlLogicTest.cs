using System.Globalization;
using System.Text;

namespace PredictEngine.Tests.Logic;

/// <summary>One record of a sqllogictest-style file.</summary>
public sealed record SqlLogicRecord(int Line, string Kind, string Sql, string? ExpectedError, bool RowSort, IReadOnlyList<string> ExpectedRows);

/// <summary>
/// Parses <c>.test</c> files in DuckDB's sqllogictest dialect: records separated by blank lines;
/// <c>statement ok</c>, <c>statement error [number] [message fragment]</c>, and
/// <c>query &lt;types&gt; [rowsort]</c> followed by the SQL, a <c>----</c> line and the expected rows
/// (values separated by tabs, NULL as <c>NULL</c>). Lines starting with # are comments.
/// </summary>
public static class SqlLogicTest
{
    public static IReadOnlyList<SqlLogicRecord> Parse(string path)
    {
        var lines = File.ReadAllLines(path);
        var records = new List<SqlLogicRecord>();
        var i = 0;
        while (i < lines.Length)
        {
            var line = lines[i].TrimEnd();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                i++;
                continue;
            }

            var start = i + 1;
            var header = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
            i++;
            var sql = new StringBuilder();
            while (i < lines.Length && lines[i].Trim().Length > 0 && lines[i].TrimEnd() != "----")
            {
                sql.AppendLine(lines[i]);
                i++;
            }

            var rows = new List<string>();
            if (i < lines.Length && lines[i].TrimEnd() == "----")
            {
                i++;
                while (i < lines.Length && lines[i].Trim().Length > 0)
                {
                    rows.Add(lines[i].TrimEnd());
                    i++;
                }
            }

            records.Add(header[0] switch
            {
                "statement" when header.Length > 1 && header[1] == "ok" => new SqlLogicRecord(start, "ok", sql.ToString(), null, false, rows),
                "statement" when header.Length > 1 && header[1] == "error" => new SqlLogicRecord(start, "error", sql.ToString(), header.Length > 2 ? header[2] : string.Empty, false, rows),
                "query" => new SqlLogicRecord(start, "query", sql.ToString(), null, header.Length > 2 && header[2].Contains("rowsort", StringComparison.Ordinal), rows),
                _ => throw new FormatException($"{path}:{start}: unknown record '{line}'."),
            });
        }

        return records;
    }

    /// <summary>How a value prints in expected rows: invariant culture, NULL, true/false, ISO dates, 0x hex.</summary>
    public static string Format(object? value) => value switch
    {
        null or DBNull => "NULL",
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        DateTime t => t.TimeOfDay == TimeSpan.Zero ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        byte[] bytes => "0x" + Convert.ToHexString(bytes),
        Guid g => g.ToString(),
        string s => s.Length == 0 ? "(empty)" : s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "NULL",
    };
}
