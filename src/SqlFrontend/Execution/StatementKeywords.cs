namespace PredictEngine.SqlFrontend.Execution;

/// <summary>
/// The first keyword of each statement of a batch, found by a lexical split on semicolons outside
/// strings, quoted identifiers, dollar quotes and comments. The storage engine tells a statement's
/// kind (a transaction statement) but not whether it begins or ends a transaction; this tells them apart.
/// </summary>
public static class StatementKeywords
{
    /// <summary>Upper-cased first words of the non-empty statements, in order.</summary>
    public static IReadOnlyList<string> Split(string batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var keywords = new List<string>();
        string? current = null;
        var i = 0;
        while (i < batch.Length)
        {
            var c = batch[i];
            if (c == ';')
            {
                if (current is not null)
                {
                    keywords.Add(current);
                }

                current = null;
                i++;
            }
            else if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '-' && At(batch, i + 1, '-'))
            {
                i = SkipPast(batch, i + 2, "\n");
            }
            else if (c == '/' && At(batch, i + 1, '*'))
            {
                i = SkipPast(batch, i + 2, "*/");
            }
            else if (c is '\'' or '"')
            {
                current ??= string.Empty;
                i = SkipQuoted(batch, i, c);
            }
            else if (c == '$' && DollarTag(batch, i) is { } tag)
            {
                current ??= string.Empty;
                i = SkipPast(batch, i + tag.Length, tag);
            }
            else if (current is null && char.IsAsciiLetter(c))
            {
                var start = i;
                while (i < batch.Length && (char.IsAsciiLetterOrDigit(batch[i]) || batch[i] == '_'))
                {
                    i++;
                }

                current = batch[start..i].ToUpperInvariant();
            }
            else
            {
                current ??= string.Empty;
                i++;
            }
        }

        if (current is not null)
        {
            keywords.Add(current);
        }

        return keywords;
    }

    /// <summary>BEGIN/START, COMMIT/END, ROLLBACK/ABORT, SAVE/SAVEPOINT; null for any other word.</summary>
    public static TransactionAction? TransactionActionOf(string keyword) => keyword switch
    {
        "BEGIN" or "START" => TransactionAction.Begin,
        "COMMIT" or "END" => TransactionAction.Commit,
        "ROLLBACK" or "ABORT" => TransactionAction.Rollback,
        "SAVE" or "SAVEPOINT" => TransactionAction.Save,
        _ => null,
    };

    private static bool At(string text, int index, char c) => index < text.Length && text[index] == c;

    private static int SkipPast(string text, int from, string end)
    {
        var found = text.IndexOf(end, from, StringComparison.Ordinal);
        return found < 0 ? text.Length : found + end.Length;
    }

    /// <summary>Past the closing quote; a doubled quote inside is an escaped one.</summary>
    private static int SkipQuoted(string text, int open, char quote)
    {
        var i = open + 1;
        while (i < text.Length)
        {
            if (text[i] == quote)
            {
                if (!At(text, i + 1, quote))
                {
                    return i + 1;
                }

                i++;
            }

            i++;
        }

        return i;
    }

    /// <summary><c>$$</c> or <c>$tag$</c> at <paramref name="index"/>; null for a positional parameter such as <c>$1</c>.</summary>
    private static string? DollarTag(string text, int index)
    {
        var i = index + 1;
        while (i < text.Length && (char.IsAsciiLetter(text[i]) || text[i] == '_'))
        {
            i++;
        }

        return At(text, i, '$') ? text[index..(i + 1)] : null;
    }
}
