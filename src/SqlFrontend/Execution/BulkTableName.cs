using System.Text;

namespace PredictEngine.SqlFrontend.Execution;

/// <summary>
/// A table named by a bulk-load statement: up to four dot-separated parts (<c>[db].[dbo].[T]</c>,
/// <c>dbo.T</c>, <c>T</c>), each bare, <c>[bracketed]</c> or <c>"quoted"</c>. Server and database
/// parts are ignored (one database); the schema dbo, or none, is DuckDB's main.
/// </summary>
public sealed record BulkTableName(string Schema, string Table)
{
    public const string DefaultSchema = "main";

    /// <summary>The name as DuckDB SQL: <c>"main"."T"</c>.</summary>
    public string Sql => $"{Quote(Schema)}.{Quote(Table)}";

    /// <summary>The name as SQL Server messages show it: <c>dbo.T</c>.</summary>
    public string Display => Schema == DefaultSchema ? $"dbo.{Table}" : $"{Schema}.{Table}";

    /// <summary>Parses a whole multipart name; false when <paramref name="text"/> is anything else.</summary>
    public static bool TryParse(string text, out BulkTableName? name)
    {
        ArgumentNullException.ThrowIfNull(text);
        var position = 0;
        name = Read(text, ref position);
        SkipSpace(text, ref position);
        if (position != text.Length)
        {
            name = null;
        }

        return name is not null;
    }

    /// <summary>Reads a multipart name at <paramref name="position"/>, leaving it after the name; null if none is there.</summary>
    public static BulkTableName? Read(string text, ref int position)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = new List<string>();
        SkipSpace(text, ref position);
        while (true)
        {
            var part = ReadPart(text, ref position);
            if (part is null)
            {
                return null;
            }

            parts.Add(part);
            if (position >= text.Length || text[position] != '.' || parts.Count == 4)
            {
                break;
            }

            position++;
        }

        var table = parts[^1];
        var schema = parts.Count > 1 ? parts[^2] : string.Empty;
        if (table.Length == 0)
        {
            return null;
        }

        return new BulkTableName(schema.Length == 0 || schema.Equals("dbo", StringComparison.OrdinalIgnoreCase) ? DefaultSchema : schema, table);
    }

    /// <summary>One identifier; the empty string for an omitted part (<c>db..T</c>), null if the text is not an identifier.</summary>
    public static string? ReadPart(string text, ref int position)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (position >= text.Length)
        {
            return null;
        }

        var open = text[position];
        if (open is '[' or '"')
        {
            var close = open == '[' ? ']' : '"';
            var value = new StringBuilder();
            var i = position + 1;
            while (i < text.Length)
            {
                if (text[i] == close)
                {
                    if (i + 1 < text.Length && text[i + 1] == close)
                    {
                        value.Append(close);
                        i += 2;
                        continue;
                    }

                    position = i + 1;
                    return value.ToString();
                }

                value.Append(text[i++]);
            }

            return null;
        }

        var start = position;
        while (position < text.Length && (char.IsLetterOrDigit(text[position]) || text[position] is '_' or '#' or '@' or '$'))
        {
            position++;
        }

        return position == start && open != '.' ? null : text[start..position];
    }

    public static void SkipSpace(string text, ref int position)
    {
        ArgumentNullException.ThrowIfNull(text);
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
