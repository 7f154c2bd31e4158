using System.Globalization;
using System.Text;

namespace PredictEngine.SqlFrontend.Files;

/// <summary>
/// How a delimited file is laid out, as the user specified it, and the DuckDB read_csv call that reads it with
/// exactly those settings (auto-detection off, every field VARCHAR): conversions to the T-SQL types happen in
/// SQL afterwards so a bad value can be reported by row and column.
/// </summary>
internal sealed record CsvDialect(string Delimiter, string? Quote, string? Escape, string NewLine, long Skip, bool HeaderRow, long? LastRow)
{
    /// <summary>
    /// Marks "no NULL text": DuckDB then reads an empty field as '' and a field missing from a short row as NULL
    /// (null padding), which is how too few fields are told apart from empty ones.
    /// </summary>
    private const string NoNullText = "\u0001\u0002pe-no-null\u0002\u0001";

    /// <summary>Lines skipped before the data: FIRSTROW - 1, plus the header row when there is one.</summary>
    public long DataSkip => Skip + (HeaderRow ? 1 : 0);

    /// <summary>The read_csv call yielding VARCHAR columns c1..cN (N = <paramref name="columns"/>).</summary>
    public string ReadCsv(string path, int columns, bool emptyIsNull)
    {
        var sql = new StringBuilder("read_csv(");
        sql.Append(SqlText.Literal(path)).Append(", columns={");
        for (var i = 1; i <= columns; i++)
        {
            sql.Append(i > 1 ? ", " : string.Empty).Append(CultureInfo.InvariantCulture, $"'c{i}': 'VARCHAR'");
        }

        sql.Append(CultureInfo.InvariantCulture, $"}}, header=false, skip={DataSkip}, auto_detect=false, ");
        sql.Append("delim=").Append(SqlText.Literal(Delimiter));
        sql.Append(", quote=").Append(SqlText.Literal(Quote ?? string.Empty));
        sql.Append(", escape=").Append(SqlText.Literal(Escape ?? string.Empty));
        sql.Append(", new_line=").Append(SqlText.Literal(NewLine));

        // strict_mode off: a row with more fields than declared still reads (the extra column shows them) instead
        // of failing with a parser message that names no T-SQL row or column.
        sql.Append(", strict_mode=false, null_padding=true, encoding='utf-8'");
        if (!emptyIsNull)
        {
            sql.Append(", nullstr=").Append(SqlText.Literal(NoNullText));
        }

        return sql.Append(')').ToString();
    }

    /// <summary>
    /// The fields of the file's line <paramref name="lineIndex"/> (0-based), split the way read_csv will, or null
    /// when the file has fewer lines. Only used to learn the column count and header names: one line, not the data.
    /// </summary>
    public IReadOnlyList<string>? ReadLine(string path, long lineIndex)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        string? line = null;
        for (long i = 0; i <= lineIndex; i++)
        {
            line = reader.ReadLine();
            if (line is null)
            {
                return null;
            }
        }

        return line is null ? null : Split(line);
    }

    private List<string> Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            if (Quote is { Length: > 0 } quote && line.AsSpan(i).StartsWith(quote, StringComparison.Ordinal))
            {
                if (quoted && Escape == Quote && line.AsSpan(i + quote.Length).StartsWith(quote, StringComparison.Ordinal))
                {
                    field.Append(quote);
                    i += (2 * quote.Length) - 1;
                    continue;
                }

                quoted = !quoted;
                i += quote.Length - 1;
                continue;
            }

            if (quoted && Escape is { Length: > 0 } escape && escape != Quote && line.AsSpan(i).StartsWith(escape, StringComparison.Ordinal) && i + escape.Length < line.Length)
            {
                field.Append(line[i + escape.Length]);
                i += escape.Length;
                continue;
            }

            if (!quoted && line.AsSpan(i).StartsWith(Delimiter, StringComparison.Ordinal))
            {
                fields.Add(field.ToString());
                field.Clear();
                i += Delimiter.Length - 1;
                continue;
            }

            field.Append(line[i]);
        }

        fields.Add(field.ToString());
        return fields;
    }
}

/// <summary>Quoting for the DuckDB SQL this area emits.</summary>
internal static class SqlText
{
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

/// <summary>Reads the delimited-file options shared by BULK INSERT and OPENROWSET(BULK ..., FORMAT = 'CSV').</summary>
internal static class CsvDialectOptions
{
    public static CsvDialect Read(BulkOptions options, bool csvFormat, string defaultDelimiter, bool headerRow)
    {
        var firstRow = options.Integer("FIRSTROW", 1) ?? 1;
        var lastRow = options.Integer("LASTROW", 0);
        if (lastRow is > 0 && lastRow < firstRow)
        {
            throw options.Invalid($"LASTROW ({lastRow}) is before FIRSTROW ({firstRow}).");
        }

        var delimiter = options.Terminator("FIELDTERMINATOR") ?? defaultDelimiter;
        string? quote = null;
        string? escape = null;
        if (csvFormat)
        {
            quote = options.String("FIELDQUOTE") ?? "\"";
            if (quote.Length != 1)
            {
                throw options.Invalid($"FIELDQUOTE must be a single character, not '{quote}'.");
            }

            escape = options.String("ESCAPECHAR") ?? quote;
            if (escape.Length != 1)
            {
                throw options.Invalid($"ESCAPECHAR must be a single character, not '{escape}'.");
            }
        }
        else if (options.Has("FIELDQUOTE") || options.Has("ESCAPECHAR"))
        {
            throw options.Invalid("FIELDQUOTE and ESCAPECHAR need FORMAT = 'CSV'; without it fields are not quoted.");
        }

        CheckCodePage(options);
        return new CsvDialect(delimiter, quote, escape, NewLine(options), firstRow - 1, headerRow, lastRow is 0 ? null : lastRow);
    }

    /// <summary>
    /// DuckDB splits rows only at line breaks. SQL Server's '\n' means CRLF and Linux files end lines with LF, so
    /// '\n' and '\r\n' accept either; 0x0a asks for exactly LF, as in SQL Server.
    /// </summary>
    private static string NewLine(BulkOptions options)
    {
        var raw = options.String("ROWTERMINATOR");
        var value = options.Terminator("ROWTERMINATOR");
        return value switch
        {
            null or "\r\n" => "\\r\\n",
            "\n" when raw!.StartsWith("0x", StringComparison.OrdinalIgnoreCase) => "\\n",
            "\n" => "\\r\\n",
            "\r" => "\\r",
            _ => throw options.Invalid($"ROWTERMINATOR '{raw}' is not supported: rows must end with a line break ('\\n', '\\r\\n', '0x0a' or '\\r')."),
        };
    }

    private static void CheckCodePage(BulkOptions options)
    {
        var codePage = options.String("CODEPAGE");
        if (codePage is not null && codePage.Trim().ToUpperInvariant() is not ("65001" or "UTF-8" or "UTF8" or "RAW"))
        {
            throw options.Invalid($"CODEPAGE '{codePage}' is not supported: files are read as UTF-8 (CODEPAGE = '65001').");
        }
    }
}
