namespace PredictEngine.SqlFrontend.Execution;

/// <summary>
/// <c>INSERT BULK table (col type [COLLATE c], ...) [WITH (...)]</c>: the statement SqlBulkCopy and
/// freebcp send before the bulk data. It names the target and the columns the data will carry, in
/// order; the types are taken from the data's COLMETADATA, and the WITH options (TABLOCK,
/// CHECK_CONSTRAINTS, FIRE_TRIGGERS, KEEP_NULLS, ORDER) change nothing here.
/// </summary>
public sealed record InsertBulkStatement(BulkTableName Table, IReadOnlyList<string> Columns)
{
    /// <summary>Recognises the statement; false for any other text.</summary>
    public static bool TryParse(string text, out InsertBulkStatement? statement)
    {
        ArgumentNullException.ThrowIfNull(text);
        statement = null;
        var position = 0;
        if (!Keyword(text, ref position, "insert") || !Keyword(text, ref position, "bulk"))
        {
            return false;
        }

        var table = BulkTableName.Read(text, ref position);
        if (table is null)
        {
            return false;
        }

        var columns = new List<string>();
        BulkTableName.SkipSpace(text, ref position);
        if (position < text.Length && text[position] == '(' && !ReadColumns(text, ref position, columns))
        {
            return false;
        }

        statement = new InsertBulkStatement(table, columns);
        return true;
    }

    private static bool Keyword(string text, ref int position, string keyword)
    {
        BulkTableName.SkipSpace(text, ref position);
        if (string.Compare(text, position, keyword, 0, keyword.Length, StringComparison.OrdinalIgnoreCase) != 0)
        {
            return false;
        }

        var end = position + keyword.Length;
        if (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] is not '[' and not '"')
        {
            return false;
        }

        position = end;
        return true;
    }

    /// <summary>Column names of the parenthesised list at <paramref name="position"/>; each type is skipped up to its top-level comma.</summary>
    private static bool ReadColumns(string text, ref int position, List<string> columns)
    {
        position++;
        while (true)
        {
            BulkTableName.SkipSpace(text, ref position);
            var name = BulkTableName.ReadPart(text, ref position);
            if (string.IsNullOrEmpty(name))
            {
                return false;
            }

            columns.Add(name);
            var depth = 0;
            while (position < text.Length)
            {
                var c = text[position];
                if (c == '(')
                {
                    depth++;
                }
                else if (c == ')' && depth > 0)
                {
                    depth--;
                }
                else if (depth == 0 && c is ',' or ')')
                {
                    break;
                }

                position++;
            }

            if (position >= text.Length)
            {
                return false;
            }

            if (text[position++] == ')')
            {
                return true;
            }
        }
    }
}
